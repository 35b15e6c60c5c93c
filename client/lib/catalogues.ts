/**
 * The browser's stand-in for core/catalogues.ts, swapped in by vite.config.ts, so that core's `t`
 * and `isMessageKey` read only what the browser has fetched: the member's messages in Japanese (the
 * default language and the fallback); in English once English is shown (client/lib/i18n.ts fetches
 * them before anything is drawn in English, and keeps them: the shell does not carry the Japanese);
 * the strength meter's feedback once the meter runs (PasswordGuidance); お問い合わせ's with its page
 * (client/pages/inquiry/messages.ts). A member reading
 * Japanese never downloads the English (about 4 KB gzip); the server's and the command line's
 * messages (core/messages/server.*, cli.*) are not in the app.
 */
import type { Catalogues } from '../../core/i18n'
import { memberJa } from '../../core/messages/member.ja'
import { addLazyEnglish, coreEnglish } from './i18n'

export const catalogues: Catalogues = {
  ja: { ...memberJa },
  get en() {
    return coreEnglish()
  },
}

let strength: Promise<void> | undefined

/**
 * Fetches the strength meter's feedback once (with the estimator): the Japanese now, the English
 * when English is shown (now, or at a later switch), so a Japanese visit downloads no English.
 */
export function loadStrengthMessages(): Promise<void> {
  strength ??= import('../../core/messages/strength.ja').then(
    ({ strengthJa }) => {
      Object.assign(catalogues.ja, strengthJa)
      return addLazyEnglish(() =>
        import('../../core/messages/strength.en').then((module) => module.strengthEn),
      )
    },
    () => void (strength = undefined),
  )
  return strength
}
