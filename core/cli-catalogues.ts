import { catalogues } from './catalogues.ts'
import { cliHelpEn } from './messages/cli-help.en.ts'
import { cliHelpJa } from './messages/cli-help.ja.ts'
import { cliEn } from './messages/cli.en.ts'
import { cliJa } from './messages/cli.ja.ts'

/**
 * Adds the command line's messages and help (core/messages/cli*.<lang>.ts) to the catalogues `t`
 * reads, once. Only the command line (cli/i18n.ts) and the catalogue tests call it, so the Worker's
 * bundle and the browser's never hold the command line's text.
 */
export function addCliMessages(): void {
  Object.assign(catalogues.ja, cliJa, cliHelpJa)
  Object.assign(catalogues.en, cliEn, cliHelpEn)
}
