import type { Catalogue, Lang } from './i18n.ts'
import { importEn } from './messages/import.en.ts'
import { importJa } from './messages/import.ja.ts'
import { inquiryEn } from './messages/inquiry.en.ts'
import { inquiryJa } from './messages/inquiry.ja.ts'
import { memberEn } from './messages/member.en.ts'
import { memberJa } from './messages/member.ja.ts'
import { serverEn } from './messages/server.en.ts'
import { serverJa } from './messages/server.ja.ts'
import { staffEn } from './messages/staff.en.ts'
import { staffJa } from './messages/staff.ja.ts'
import { strengthEn } from './messages/strength.en.ts'
import { strengthJa } from './messages/strength.ja.ts'

/**
 * The messages of the worker and of Node, in both languages (the server answers in either at any
 * time): core/messages/<audience>.<lang>.ts, by audience (member: the app's own; strength: the
 * meter's feedback; inquiry: the お問い合わせ form's; staff: the staff console's; server: error answers and the operator API; import: the importers', whose
 * rejection files the server writes too) and language. The command line adds
 * its own (core/cli-catalogues.ts), so the Worker never carries its text. The browser build swaps this
 * module for client/lib/catalogues.ts (vite.config.ts): the member's messages in Japanese, the English
 * only when English is shown, never the server's or the command line's.
 */
export const catalogues = {
  ja: { ...memberJa, ...strengthJa, ...inquiryJa, ...staffJa, ...serverJa, ...importJa },
  en: { ...memberEn, ...strengthEn, ...inquiryEn, ...staffEn, ...serverEn, ...importEn },
} as Record<Lang, Catalogue>
