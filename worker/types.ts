import type { Lang } from '../core/i18n'
import type { ClientMode, SessionMember } from './services/sessions'

/** What middleware puts on the context for the routes. */
export interface AppEnv {
  Variables: {
    lang: Lang
    nonce: string
    ip: string
    mode: ClientMode
    member: SessionMember | null
    sessionToken: string | null
    /** A random id per request, sent as X-Request-Id and written beside every logged error. */
    requestId: string
  }
}
