/** The staff API's inquiries endpoints (routes/ops.inquiries.ts) for the fuzz test. */
import {
  InquiryAssigneeBody,
  InquiryNoteBody,
  InquiryReplyBody,
  InquiryStatusBody,
} from '../../../core/inquiry-console'
import { staffDoor, type Endpoint, type Identity } from '../fuzz-endpoint'

/** Support agents send every probe (the demo insurer's too: the seeded inquiries are its own). */
const agents: Identity[] = ['console', 'support', 'supportDemo']
/** Every other role is refused (403), and no credential at all (401). */
const others: Identity[] = ['operator', 'admin', 'insurerAdmin', ...staffDoor]

// Seeded inquiries of the demo insurer (worker/dev/seed-inquiries.ts), one per endpoint that writes.
const NEW = '20261201-SEED-NEW2'
const IN_PROGRESS = '20261201-SEED-PRG2'
const ANSWERED = '20261201-SEED-ANS3'

export const INQUIRIES_ENDPOINTS: Endpoint[] = [
  { method: 'GET', route: '/api/ops/inquiries', as: agents, doorAs: others },
  { method: 'GET', route: '/api/ops/inquiries/templates', as: agents, doorAs: others },
  { method: 'GET', route: '/api/ops/inquiries/:id', param: NEW, as: agents, doorAs: others },
  {
    method: 'POST',
    route: '/api/ops/inquiries/:id/notes',
    param: NEW,
    schema: InquiryNoteBody,
    as: agents,
    doorAs: others,
    bodies: [() => ({ checks: ['name', 'birthDate'], note: '確認しました。' })],
    largest: { note: () => ({ checks: ['name'], note: 'あ'.repeat(1000) }) },
  },
  {
    method: 'POST',
    route: '/api/ops/inquiries/:id/replies',
    param: IN_PROGRESS,
    schema: InquiryReplyBody,
    as: agents,
    doorAs: others,
    bodies: [
      () => ({
        idempotencyKey: crypto.randomUUID(),
        template: 'viewing_code.ja',
        body: 'ご回答します。',
        lang: 'ja',
      }),
    ],
    largest: {
      body: () => ({
        idempotencyKey: crypto.randomUUID(),
        template: 'viewing_code.ja',
        body: 'あ'.repeat(4000),
        lang: 'ja',
      }),
    },
  },
  {
    method: 'POST',
    route: '/api/ops/inquiries/:id/status',
    param: ANSWERED,
    schema: InquiryStatusBody,
    as: agents,
    doorAs: others,
    bodies: [() => ({ status: 'in_progress', reason: 'お客様から再度連絡' })],
  },
  {
    method: 'POST',
    route: '/api/ops/inquiries/:id/assignee',
    param: NEW,
    schema: InquiryAssigneeBody,
    as: agents,
    doorAs: others,
    bodies: [() => ({ staffId: 'dev-support-demo' }), () => ({ staffId: null })],
  },
]
