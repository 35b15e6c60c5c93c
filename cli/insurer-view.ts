/** An insurer as the insurer commands show it: who may use the service, and every setting on a line. */
import { t, type Lang, type MessageKey } from './i18n.ts'
import type { Insurer } from './client.ts'
import { displayWidth, labelled } from './terminal.ts'

/** Japan has one time zone, UTC+9 all year: the console's and the members' times are Japan's. */
const JST_MS = 9 * 3_600_000

export function eligible(lang: Lang, i: Insurer): string {
  if (i.insuredOnly) return t(lang, 'insurer_eligible_insured_only')
  if (i.dependentMaxAge === null || i.dependentMaxAge === undefined)
    return t(lang, 'insurer_eligible_all')
  return t(lang, 'insurer_eligible_age', { age: i.dependentMaxAge })
}

export function cidrList(lang: Lang, i: Insurer): string {
  return i.allowedCidrs?.length ? i.allowedCidrs.join(', ') : t(lang, 'insurer_cidrs_none')
}

/** When maintenance is planned to end, in Japan's time ("2026-12-24 18:00 (Japan time)"), or none. */
export function maintenanceUntil(lang: Lang, i: Insurer): string {
  const ms = i.maintenanceUntil ? Date.parse(i.maintenanceUntil) : NaN
  if (!Number.isFinite(ms)) return t(lang, 'insurer_maintenance_until_none')
  const at = new Date(ms + JST_MS).toISOString().slice(0, 16).replace('T', ' ')
  return t(lang, 'insurer_japan_time', { at })
}

/**
 * What members are shown during maintenance: the insurer's words as they are (lines and all), or that they
 * get the standard words. With `width`, on one line of at most that many columns (for a table).
 */
export function maintenanceMessage(lang: Lang, i: Insurer, width?: number): string {
  const text = i.maintenanceMessage?.trim()
  if (!text) return t(lang, 'insurer_maintenance_message_default')
  if (width === undefined) return text.replace(/\r\n?/g, '\n')
  const line = text.replace(/\s+/g, ' ')
  if (displayWidth(line) <= width) return line
  let cut = ''
  for (const ch of line) {
    if (displayWidth(cut + ch) > width - 1) break
    cut += ch
  }
  return cut.trimEnd() + '…'
}

export function describeInsurer(lang: Lang, i: Insurer): string[] {
  const rows: [MessageKey, string][] = [
    ['insurer_number', i.number],
    ['insurer_name', i.name],
    ['insurer_eligible', eligible(lang, i)],
    ['insurer_maintenance', t(lang, i.maintenance ? 'on' : 'off')],
    ['insurer_maintenance_until', maintenanceUntil(lang, i)],
    ['insurer_maintenance_message', maintenanceMessage(lang, i)],
    ['insurer_cidrs', cidrList(lang, i)],
    ['insurer_failure_limit', String(i.allowlistFailureLimit)],
  ]
  return labelled(lang, rows)
}

/** After create or set: the insurer as it now stands, or its JSON. */
export function printInsurer(
  ctx: { lang: Lang; values: { json?: unknown; quiet?: unknown }; out: (line: string) => void },
  title: MessageKey,
  insurer: Insurer,
): void {
  if (ctx.values.json) ctx.out(JSON.stringify({ insurer }, null, 2))
  else if (!ctx.values.quiet) {
    ctx.out(t(ctx.lang, title, { number: insurer.number }))
    for (const line of describeInsurer(ctx.lang, insurer)) ctx.out(line)
  }
}
