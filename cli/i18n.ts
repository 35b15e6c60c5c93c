/**
 * The command line's translator: core/i18n's `t` and `pickLang`, with the command line's own
 * catalogues added first (core/cli-catalogues.ts). Every CLI module imports them from here.
 */
import { addCliMessages } from '../core/cli-catalogues.ts'

addCliMessages()

export {
  fill,
  pickLang,
  t,
  type CliMessageKey,
  type Lang,
  type MessageKey,
  type MessageParams,
} from '../core/i18n.ts'
