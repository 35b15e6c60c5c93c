import { vValidator } from '@hono/valibot-validator'
import { Hono, type Context } from 'hono'
import { t } from '../../core/i18n'
import {
  InquiryAssigneeBody,
  InquiryListQuery,
  InquiryNoteBody,
  InquiryReplyBody,
  InquiryStatusBody,
} from '../../core/inquiry-console'
import { REPLY_TEMPLATES } from '../../core/inquiry-replies'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { requireCapability, type StaffEnv } from '../middleware/staff'
import {
  addNote,
  assignableAgents,
  assignInquiry,
  inquiryDetail,
  listInquiries,
  moveStatus,
  replyToInquiry,
} from '../services/inquiry-console'
import { mailTemplates } from '../services/mail-templates'
import { sendInBackground } from './respond'
import type { AppEnv } from '../types'
import { validationHook } from './validation'

const iso = (ms: number) => new Date(ms).toISOString()

/**
 * A service's `wrong_state` or assignee refusal, with the words the console shows: a closed inquiry, a
 * move its status does not allow, a move someone else made first, an agent who may not be assigned.
 */
function explained(err: unknown, lang: 'ja' | 'en'): unknown {
  if (!(err instanceof AppError)) return err
  const reason = err.extra.detail?.reason
  if (err.code === 'wrong_state') {
    const key =
      reason === 'inquiry_closed'
        ? 'staff.inquiries.closed'
        : reason === 'status_move'
          ? 'staff.inquiries.bad_move'
          : 'staff.inquiries.changed'
    return new AppError('wrong_state', { detail: { reason, message: t(lang, key) } })
  }
  if (err.code === 'validation' && reason === 'assignee')
    return new AppError('validation', {
      fields: { staffId: t(lang, 'staff.inquiries.field.staff_id') },
    })
  return err
}

/** お問い合わせ (inquiries: list, detail, candidates, notes, replies, status, assignee). */
export function staffInquiryRoutes(deps: Deps) {
  const supportOnly = requireCapability('inquiries')
  return new Hono<StaffEnv>()
    .get('/', supportOnly, vValidator('query', InquiryListQuery, validationHook), async (c) => {
      const page = await listInquiries(deps, c.get('staff'), c.req.valid('query'))
      return c.json({
        items: page.items.map((i) => ({ ...i, createdAt: iso(i.createdAt) })),
        counts: page.counts,
        nextCursor: page.nextCursor,
      })
    })
    .get('/templates', supportOnly, (c) => c.json({ templates: REPLY_TEMPLATES }))
    .get('/:id', supportOnly, async (c) => {
      const s = c.get('staff')
      const id = c.req.param('id')
      const detail = await inquiryDetail(deps, s, c.get('ip'), id)
      const assignable = await assignableAgents(deps, s, id)
      return c.json({
        inquiry: {
          ...detail.inquiry,
          createdAt: iso(detail.inquiry.createdAt),
          updatedAt: iso(detail.inquiry.updatedAt),
        },
        assignee: detail.assignee,
        agents: assignable,
        events: detail.events.map((e) => ({ ...e, at: iso(e.at) })),
        candidates: {
          accounts: detail.candidates.accounts.map((a) => ({ ...a, createdAt: iso(a.createdAt) })),
          persons: detail.candidates.persons,
        },
      })
    })
    .post(
      '/:id/notes',
      supportOnly,
      vValidator('json', InquiryNoteBody, validationHook),
      async (c) => {
        await addNote(
          deps,
          c.get('staff'),
          c.get('ip'),
          c.req.param('id') ?? '',
          c.req.valid('json'),
        )
        return c.json({ ok: true as const }, 201)
      },
    )
    .post(
      '/:id/replies',
      supportOnly,
      vValidator('json', InquiryReplyBody, validationHook),
      async (c) => {
        const input = c.req.valid('json')
        const outcome = await replyToInquiry(
          deps,
          c.get('staff'),
          c.get('ip'),
          c.req.param('id') ?? '',
          input,
        ).catch((err: unknown) => {
          throw explained(err, c.get('lang'))
        })
        // Only the request whose insert took place mails the inquirer; a repeat sends nothing.
        if (outcome.sent)
          await sendInBackground(
            c as unknown as Context<AppEnv>,
            deps,
            mailTemplates.inquiryReply(input.lang, outcome.inquiry.email, deps.config.appOrigin, {
              receiptNo: outcome.inquiry.receiptNo,
              body: input.body,
            }),
          )
        return c.json(
          {
            reply: { ...outcome.reply, at: iso(outcome.reply.at) },
            status: outcome.inquiry.status,
            repeated: !outcome.sent,
          },
          200,
        )
      },
    )
    .post(
      '/:id/status',
      supportOnly,
      vValidator('json', InquiryStatusBody, validationHook),
      async (c) => {
        const moved = await moveStatus(
          deps,
          c.get('staff'),
          c.get('ip'),
          c.req.param('id') ?? '',
          c.req.valid('json'),
        ).catch((err: unknown) => {
          throw explained(err, c.get('lang'))
        })
        return c.json(moved)
      },
    )
    .post(
      '/:id/assignee',
      supportOnly,
      vValidator('json', InquiryAssigneeBody, validationHook),
      async (c) => {
        const done = await assignInquiry(
          deps,
          c.get('staff'),
          c.get('ip'),
          c.req.param('id') ?? '',
          c.req.valid('json').staffId,
        ).catch((err: unknown) => {
          throw explained(err, c.get('lang'))
        })
        return c.json(done)
      },
    )
}
