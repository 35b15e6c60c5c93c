import { eq } from 'drizzle-orm'
import type { InquiryStatus, InquiryType } from '../../core/inquiry'
import { accounts, inquiries, inquiryEvents } from '../../db/schema'
import type { Deps } from '../deps'
import { newId } from '../services/tokens'

// seed.ts's DEMO_INSURER, MAINTENANCE_INSURER and DEMO_ACCOUNT (seed.ts imports this module, so
// importing them back would be circular).
const DEMO_INSURER_ID = 'demo-insurer'
const MAINTENANCE_INSURER_ID = 'demo-maintenance'
const DEMO_ACCOUNT_EMAIL = 'demo@kenshin.example'

const HOUR = 3_600_000

interface SeedInquiry {
  receiptNo: string
  hoursAgo: number
  status: InquiryStatus
  type: InquiryType
  nameKana: string
  email: string
  insurerName: string
  insurerId: string | null
  birthDate: string
  message: string
  /** Sent by the demo member while logged in (his お問い合わせ履歴 shows it and its reply). */
  demoMember?: boolean
  reply?: string
  note?: { checks: string[]; text: string }
  assignee?: string
}

/** Fixed 受付番号 (never produced by newReceiptNo: "SEED" has no date of its own), so a re-seed skips them. */
const SEED: SeedInquiry[] = [
  {
    receiptNo: '20261201-SEED-NEW2',
    hoursAgo: 2,
    status: 'new',
    type: 'login',
    nameKana: 'ケンコウ　ハナコ',
    email: 'hanako@example.jp',
    insurerName: 'デモ健康保険組合',
    insurerId: DEMO_INSURER_ID,
    birthDate: '1964-10-01',
    message: 'ログインIDにしたメールアドレスを忘れてしまいました。',
  },
  {
    receiptNo: '20261201-SEED-NEW3',
    hoursAgo: 80,
    status: 'new',
    type: 'other',
    nameKana: 'ヤマダ　ジロウ',
    email: 'jiro@example.jp',
    insurerName: 'どこかの健保',
    insurerId: null,
    birthDate: '1980-02-03',
    message: '加入している健康保険組合がこのサービスを使っているか知りたいです。',
  },
  {
    receiptNo: '20261201-SEED-PRG2',
    hoursAgo: 30,
    status: 'in_progress',
    type: 'viewing_code',
    nameKana: 'ケンコウ　タロウ',
    email: 'taro.other@example.jp',
    insurerName: 'デモ健康保険組合',
    insurerId: DEMO_INSURER_ID,
    birthDate: '1962-01-10',
    message: '健診閲覧コードのはがきを無くしてしまいました。',
    note: {
      checks: ['name', 'birthDate', 'insurer'],
      text: '電話で氏名・生年月日・健保名を確認。',
    },
    assignee: 'dev-support',
  },
  {
    receiptNo: '20261201-SEED-PRG3',
    hoursAgo: 5,
    status: 'in_progress',
    type: 'signup',
    nameKana: 'ホシュ　サブロウ',
    email: 'saburo@example.jp',
    insurerName: 'デモ保守中健康保険組合',
    insurerId: MAINTENANCE_INSURER_ID,
    birthDate: '1975-07-07',
    message: '新規登録で保険証の確認ができません。',
  },
  {
    receiptNo: '20261201-SEED-ANS2',
    hoursAgo: 50,
    status: 'answered',
    type: 'results',
    nameKana: 'ケンコウ　タロウ',
    email: 'demo@kenshin.example',
    insurerName: 'デモ健康保険組合',
    insurerId: DEMO_INSURER_ID,
    birthDate: '1962-01-10',
    message: '今年の健診結果がまだ表示されません。',
    demoMember: true,
    reply:
      'ケンコウ　タロウ 様\n\n健診結果は、健診機関からご加入の健康保険組合に届いたあとで表示されます。受診から表示まで、通常2〜3か月かかります。\nKenshin Portal サポート',
    assignee: 'dev-support-demo',
  },
  {
    receiptNo: '20261201-SEED-ANS3',
    hoursAgo: 100,
    status: 'answered',
    type: 'withdrawal',
    nameKana: 'スズキ　ヨウコ',
    email: 'yoko@example.jp',
    insurerName: 'デモ健康保険組合',
    insurerId: DEMO_INSURER_ID,
    birthDate: '1990-12-24',
    message: '退会の方法を教えてください。',
    reply:
      'スズキ　ヨウコ 様\n\n退会は、ログイン後の「アカウント設定」から手続きいただけます。\nKenshin Portal サポート',
  },
  {
    receiptNo: '20261201-SEED-CLS2',
    hoursAgo: 200,
    status: 'closed',
    type: 'login',
    nameKana: 'タナカ　イチロウ',
    email: 'ichiro@example.jp',
    insurerName: 'デモ健康保険組合',
    insurerId: DEMO_INSURER_ID,
    birthDate: '1970-05-05',
    message: 'パスワードを再設定できました。ありがとうございました。',
    reply:
      'タナカ　イチロウ 様\n\nパスワードの再設定ができたとのこと、安心いたしました。\nKenshin Portal サポート',
  },
  {
    receiptNo: '20261201-SEED-CLS3',
    hoursAgo: 300,
    status: 'closed',
    type: 'other',
    nameKana: 'サトウ　ミキ',
    email: 'miki@example.jp',
    insurerName: '不明',
    insurerId: null,
    birthDate: '1985-03-03',
    message: '解決しました。',
  },
]

/** The path each seeded status took, as status events. */
const PATH: Record<InquiryStatus, InquiryStatus[]> = {
  new: [],
  in_progress: ['in_progress'],
  answered: ['in_progress', 'answered'],
  closed: ['in_progress', 'answered', 'closed'],
}

/**
 * A few inquiries in each state (新規, 対応中, 回答済, 完了) for the staff console's development data,
 * with their history (status events, a note, replies). Idempotent by 受付番号: an inquiry already there
 * is left as it is, events and all. One is the demo member's, with a reply, for his お問い合わせ履歴.
 */
export async function seedInquiries(deps: Pick<Deps, 'db' | 'now' | 'randomBytes'>): Promise<void> {
  const now = deps.now()
  const [demo] = await deps.db
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(accounts.emailKey, DEMO_ACCOUNT_EMAIL))
  for (const s of SEED) {
    const createdAt = now - s.hoursAgo * HOUR
    const id = newId(deps.randomBytes)
    const inserted = await deps.db
      .insert(inquiries)
      .values({
        id,
        receiptNo: s.receiptNo,
        accountId: s.demoMember ? (demo?.id ?? null) : null,
        nameKana: s.nameKana,
        email: s.email,
        insurerName: s.insurerName,
        birthDate: s.birthDate,
        type: s.type,
        message: s.message,
        lang: 'ja',
        status: s.status,
        addressKey: 'seed',
        ipKey: 'seed',
        createdAt,
        updatedAt: createdAt + HOUR,
        insurerId: s.insurerId,
        assigneeId: s.assignee ?? null,
      })
      .onConflictDoNothing()
      .returning({ id: inquiries.id })
    if (inserted.length === 0) continue
    const staffId = s.assignee ?? 'dev-support'
    const events: (typeof inquiryEvents.$inferInsert)[] = []
    let from: InquiryStatus = 'new'
    let at = createdAt
    for (const to of PATH[s.status]) {
      at += 10 * 60_000
      if (to === 'answered' && s.reply)
        events.push({
          inquiryId: id,
          at,
          staffId,
          kind: 'reply',
          fromStatus: from,
          toStatus: 'answered',
          body: s.reply,
          meta: JSON.stringify({ template: `${s.type}.ja`, lang: 'ja' }),
          idempotencyKey: `seed-${s.receiptNo}`,
        })
      events.push({ inquiryId: id, at, staffId, kind: 'status', fromStatus: from, toStatus: to })
      if (to === 'in_progress' && s.note)
        events.push({
          inquiryId: id,
          at: at + 60_000,
          staffId,
          kind: 'note',
          body: s.note.text,
          meta: JSON.stringify({ checks: s.note.checks }),
        })
      from = to
    }
    if (s.assignee)
      events.push({
        inquiryId: id,
        at: createdAt + 60_000,
        staffId,
        kind: 'assign',
        body: s.assignee,
      })
    if (events.length > 0) await deps.db.insert(inquiryEvents).values(events)
  }
}
