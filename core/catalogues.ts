import type { Catalogue, Lang } from './i18n.ts'
import { en, serverEn } from './messages.en.ts'
import { ja, serverJa } from './messages.ja.ts'
import { strengthEn, strengthJa } from './messages.strength.ts'

/**
 * Every message in both languages (the app's, the strength feedback, the server's), for the worker
 * and Node (the CLI, the tests), which answer in either at any time. The browser build swaps this
 * module for client/lib/catalogues.ts (vite.config.ts): the app's own messages in Japanese, and the
 * English only when English is shown.
 */
export const catalogues: Record<Lang, Catalogue> = {
  ja: { ...ja, ...strengthJa, ...serverJa },
  en: { ...en, ...strengthEn, ...serverEn },
}
