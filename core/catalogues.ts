import type { Catalogue, Lang } from './i18n.ts'
import { cliHelpEn } from './messages/cli-help.en.ts'
import { cliHelpJa } from './messages/cli-help.ja.ts'
import { cliEn } from './messages/cli.en.ts'
import { cliJa } from './messages/cli.ja.ts'
import { memberEn } from './messages/member.en.ts'
import { memberJa } from './messages/member.ja.ts'
import { serverEn } from './messages/server.en.ts'
import { serverJa } from './messages/server.ja.ts'
import { strengthEn } from './messages/strength.en.ts'
import { strengthJa } from './messages/strength.ja.ts'

/**
 * Every message in both languages, for Node and the worker (the command line, the server, the tests),
 * which answer in either at any time: core/messages/<audience>.<lang>.ts, by audience (member: the app's
 * own; strength: the meter's feedback; server: error answers and the operator API; cli: the command line
 * and its help) and language. The browser build swaps this module for client/lib/catalogues.ts
 * (vite.config.ts): the member's messages in Japanese, the English only when English is shown, never the
 * server's or the command line's.
 */
export const catalogues: Record<Lang, Catalogue> = {
  ja: { ...memberJa, ...strengthJa, ...serverJa, ...cliJa, ...cliHelpJa },
  en: { ...memberEn, ...strengthEn, ...serverEn, ...cliEn, ...cliHelpEn },
}
