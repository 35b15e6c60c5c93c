/**
 * The copy of the results kept on the device (offline-store.ts) for a start without a network: how
 * an answer is read through it, and the notice that says a screen shows it.
 */
import { Notice } from '../../components/Notice'
import type { ApiResult } from '../../lib/api'
import { dateFormat, lang } from '../../lib/i18n'
import { offlineRefusal, readOffline, saveOffline } from '../../lib/offline-store'
import { member } from '../../lib/session'
import { r } from './results-strings'
import { refusalMessage } from './strings'

/**
 * An answer of the API, kept on the device when it is good; without a network, the copy kept
 * last time (with when it was loaded), or the refusal as it came. Every read here is health data,
 * which the server gives only while the step-up is current, and says when this session passed it
 * (X-Step-Up-At): the copy's 7 days count from then (docs/security.md), not from the read, which may
 * come up to a day later. Without that header, the answer's Date; without either, the device's clock.
 */
export async function withOfflineCopy<T>(name: string, fetch: () => Promise<ApiResult<T>>) {
  const accountId = String(member()?.id ?? '')
  const result = await fetch()
  if (result.ok) {
    if (accountId)
      void saveOffline(
        accountId,
        name,
        result.data,
        result.stepUpAt ?? result.serverTime ?? Date.now(),
      )
    return { ok: true as const, data: result.data, savedAt: null }
  }
  if (result.error.code === 'network' && accountId) {
    const copy = await readOffline<T>(name, accountId)
    if (copy) return { ok: true as const, data: copy.data, savedAt: copy.savedAt }
  }
  return { ok: false as const, error: result.error }
}

/** Why no copy can be shown offline: the copy's refusal (clock, 7 days) if it was refused, else `otherwise`. */
export function offlineMessage(otherwise: string): string {
  const refused = offlineRefusal()
  return refused ? refusalMessage(refused) : otherwise
}

/** When an offline copy was loaded, in the UI language and Japan's time (as every other time shown). */
const loadedAt = (savedAt: number) =>
  dateFormat(lang(), { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Tokyo' }).format(
    savedAt,
  )

export function OfflineCopyNotice(props: { savedAt: number }) {
  return (
    <Notice kind="info" role="status" sign="⊘" class="offline-copy">
      {r('offlineCopy', { time: loadedAt(props.savedAt) })}
    </Notice>
  )
}
