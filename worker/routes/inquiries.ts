import { vValidator } from '@hono/valibot-validator'
import { Hono } from 'hono'
import { t, type MessageKey } from '../../core/i18n'
import { InquiryBody } from '../../core/inquiry-body'
import type { Deps } from '../deps'
import { requireMember, sessionTokenOf } from '../middleware/session'
import { passGate } from '../services/gate'
import { inquiryPrefill, memberInquiries, storeInquiry } from '../services/inquiries'
import { mailTemplates } from '../services/mail-templates'
import { readSession } from '../services/sessions'
import type { AppEnv } from '../types'
import { sendInBackground } from './respond'
import { validationHook } from './validation'

const iso = (ms: number) => new Date(ms).toISOString()

/** お問い合わせ (journey 8): the form, with or without log-in, and a member's お問い合わせ履歴. */
export function inquiryRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .post('/', vValidator('json', InquiryBody, validationHook), async (c) => {
      const form = c.req.valid('json')
      const lang = c.get('lang')
      // Level 1, counted like log-ins (docs/security.md, anti-automation); not a guess.
      const gate = await passGate(deps, {
        action: 'inquiry',
        ip: c.get('ip'),
        email: form.email,
        captchaToken: form.captchaToken,
        needsCaptcha: true,
      })
      // A logged-in member's inquiry goes to their お問い合わせ履歴; no session is no error here.
      const token = sessionTokenOf(c)
      const session = token ? await readSession(deps, token) : null
      const stored = await storeInquiry(deps, {
        form,
        subjects: gate.subjects,
        accountId: session?.accountId ?? null,
        lang,
      })
      // Mailed to every address alike, registered or not (enumeration), after the answer.
      await sendInBackground(
        c,
        deps,
        mailTemplates.inquiryReceived(lang, form.email, deps.config.appOrigin, {
          receiptNo: stored.receiptNo,
          typeLabel: t(lang, `inquiry.type.${stored.type}` as MessageKey),
          at: new Date(stored.createdAt),
        }),
      )
      return c.json(
        { receiptNo: stored.receiptNo, type: stored.type, receivedAt: iso(stored.createdAt) },
        201,
      )
    })
    .get('/', requireMember(deps), async (c) => {
      const accountId = c.get('member')!.accountId
      const [prefill, rows] = await Promise.all([
        inquiryPrefill(deps, accountId),
        memberInquiries(deps, accountId),
      ])
      return c.json({
        prefill,
        inquiries: rows.map((r) => ({
          receiptNo: r.receiptNo,
          type: r.type,
          status: r.status,
          createdAt: iso(r.createdAt),
          updatedAt: iso(r.updatedAt),
          replies: r.replies.map((reply) => ({ at: iso(reply.at), body: reply.body })),
        })),
      })
    })
}
