/**
 * Message catalogue shared by the worker, the client and the command line, so an error reads the same
 * wherever it is shown, with one translator (`t`) and one way to fill placeholders (`fill`). Japanese
 * is the source language (the manual's wording, core/messages/*.ja.ts); English is the second language
 * (core/messages/*.en.ts). The messages are split by audience: member, strength, inquiry, staff, server, cli, import.
 */
import { fill, type MessageParams } from './placeholders.ts'
import { catalogues } from './catalogues.ts'
import type { cliHelpJa } from './messages/cli-help.ja.ts'
import type { cliJa } from './messages/cli.ja.ts'
import type { importJa } from './messages/import.ja.ts'
import type { inquiryJa } from './messages/inquiry.ja.ts'
import type { memberJa } from './messages/member.ja.ts'
import type { staffJa } from './messages/staff.ja.ts'
import type { serverJa } from './messages/server.ja.ts'
import type { strengthJa } from './messages/strength.ja.ts'

export type Lang = 'ja' | 'en'

/**
 * The keys of what the member app shows by itself: the only ones the browser has (`coreMsg` takes
 * these). Derived from the Japanese, which is complete by definition, as for the others.
 */
export type AppMessageKey = keyof typeof memberJa
/** The keys of the strength meter's feedback (zxcvbn's warnings and suggestions). */
export type StrengthMessageKey = keyof typeof strengthJa
/** The keys of お問い合わせ's field errors, types and statuses (fetched with its page). */
export type InquiryMessageKey = keyof typeof inquiryJa
/** The keys of the staff console's messages (fetched with its chunk). */
export type StaffMessageKey = keyof typeof staffJa
/** The keys of what only the server says: its error answers and the operator API's messages. */
export type ServerMessageKey = keyof typeof serverJa
/** The keys of the command line's messages and help texts (Node only). */
export type CliMessageKey = keyof typeof cliJa | keyof typeof cliHelpJa
/** The keys of the importers' messages (core/import/: the command line, the console and the server). */
export type ImportMessageKey = keyof typeof importJa
/** Every message key. */
export type MessageKey =
  | AppMessageKey
  | StrengthMessageKey
  | InquiryMessageKey
  | StaffMessageKey
  | ServerMessageKey
  | CliMessageKey
  | ImportMessageKey
/** Values for a message's `{name}` placeholders. */
export type { MessageParams }

/** One language's messages. */
export type Catalogue = Record<MessageKey, string>

/**
 * The messages by language, as `t` reads them. The worker and Node have every message in both
 * languages (catalogues.ts); the browser only the app's own (AppMessageKey) in Japanese, in English once
 * fetched, and the strength feedback once the meter runs (its stand-in, client/lib/catalogues.ts).
 */
export type Catalogues = { ja: Partial<Catalogue> } & Partial<
  Record<Exclude<Lang, 'ja'>, Partial<Catalogue>>
>

/**
 * Every language's messages, as the worker and Node have them (the browser reads its own through
 * `t`, which falls back to Japanese).
 */
export { catalogues as messages }

/**
 * Whether a string (e.g. a valibot issue's message) names a message of the catalogue (in the browser:
 * of the app's own messages, the only ones it has).
 */
export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && Object.hasOwn(catalogues.ja, value)
}

/**
 * The UI language for an `Accept-Language` header: 'en' only when the header prefers English over
 * Japanese (higher q, or equal q and listed first); anything else — no header, neither language,
 * a tie — keeps the default 'ja', the language of the service.
 */
export function pickLang(acceptLanguage: string | null | undefined): Lang {
  if (!acceptLanguage) return 'ja'
  // Best weight per language, and the position it was listed at (to break ties).
  const japanese = { q: 0, order: Infinity }
  const english = { q: 0, order: Infinity }
  const wildcard = { q: 0, order: Infinity }
  acceptLanguage.split(',').forEach((range, order) => {
    const [rawTag, ...params] = range.split(';')
    const tag = rawTag.trim().toLowerCase()
    const base = tag.split('-')[0]
    const slot = base === 'ja' ? japanese : base === 'en' ? english : tag === '*' ? wildcard : null
    if (!slot) return
    const q = qValue(params)
    if (q > slot.q || (q === slot.q && order < slot.order)) {
      slot.q = q
      slot.order = order
    }
  })
  // A language the header does not name takes the wildcard's weight (RFC 9110, 12.5.4).
  const ja = japanese.order === Infinity ? wildcard : japanese
  const en = english.order === Infinity ? wildcard : english
  if (en.q <= 0) return 'ja'
  if (en.q > ja.q) return 'en'
  return en.q === ja.q && en.order < ja.order ? 'en' : 'ja'
}

/** The `q` weight of one language range; 1 when absent, 0 (not acceptable) when malformed. */
function qValue(params: string[]): number {
  for (const param of params) {
    const [name, value = ''] = param.split('=').map((part) => part.trim())
    if (name.toLowerCase() !== 'q') continue
    return /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value) ? Number(value) : 0
  }
  return 1
}

/** A message in the given language (else the Japanese, else the key), its placeholders filled. */
export function t(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const template = catalogues[lang]?.[key] ?? catalogues.ja[key] ?? key
  return params ? fill(template, params) : template
}

export { fill }
