/**
 * お知らせ and Web Push (journey 11): the request bodies of /api/notices and /api/push, shared by the
 * worker (which validates) and the client.
 */
import * as v from 'valibot'
import { body } from './schemas.ts'

/** What a notice is about; it never carries health data, only its kind and the app path it opens. */
export type NoticeKind = 'results' | 'code_reissued' | 'inquiry_reply'

/** Push services' endpoints are a few hundred characters; twice the longest seen is plenty. */
export const PUSH_ENDPOINT_MAX = 1024

const base64urlOf = (length: number, message: string) =>
  v.pipe(v.string(message), v.regex(new RegExp(`^[A-Za-z0-9_-]{${length}}={0,2}$`), message))

/** PushSubscription.toJSON() of the browser: the endpoint, the P-256 key (65 bytes) and the 16-byte auth secret. */
export const PushSubscriptionBody = body({
  endpoint: v.pipe(
    v.string('field.endpoint.invalid'),
    v.minLength(1, 'field.endpoint.invalid'),
    v.maxLength(PUSH_ENDPOINT_MAX, 'field.endpoint.invalid'),
  ),
  keys: v.object(
    {
      p256dh: base64urlOf(87, 'field.keys.invalid'),
      auth: base64urlOf(22, 'field.keys.invalid'),
    },
    'field.keys.invalid',
  ),
})

export const PushEndpointBody = body({
  endpoint: v.pipe(
    v.string('field.endpoint.invalid'),
    v.minLength(1, 'field.endpoint.invalid'),
    v.maxLength(PUSH_ENDPOINT_MAX, 'field.endpoint.invalid'),
  ),
})

/** お知らせの設定: mail on or off (push is per device, by subscribing or not). */
export const NoticeSettingsBody = body({ mail: v.boolean('field.mail.invalid') })
