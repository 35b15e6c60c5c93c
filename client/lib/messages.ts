/**
 * Messages shown under fields and at the top of forms. A message is a function, so it is rendered
 * again in the other language when the member switches; core/i18n.ts supplies the field and API
 * error wording the worker uses too. Only lazily loaded screens import this module. The browser has
 * the app's own messages only (core's AppMessageKey): an error the server answers with comes already
 * translated, as `textMsg`.
 */
import { t, type MessageKey } from '../../core/i18n'
import { lang, type Params } from './i18n'

export type Msg = () => string

/** A message of core's catalogue, in the current language. */
export function coreMsg(key: MessageKey, params?: Params): Msg {
  return () => t(lang(), key, params)
}

/** A fixed text, e.g. a message the server has already translated. */
export function textMsg(text: string): Msg {
  return () => text
}
