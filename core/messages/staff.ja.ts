/**
 * The staff console's messages in Japanese (docs/security.md#staff): its fields' errors, roles and the
 * names the Worker and console share. An audience of its own: the console's chunk fetches it, so no
 * member ever downloads it; the worker has it always. Keys: `StaffMessageKey`. Each console area keeps
 * its keys in its own section below.
 */
export const staffJa = {
  // Log-in and the staff member's own account.
  'staff.field.email.required': 'メールアドレスを入力してください。',
  'staff.field.password.required': 'パスワードを入力してください。',
  'staff.field.code.required': '確認コード(6桁)を入力してください。',
  'staff.field.code.format': '確認コードは6桁の数字で入力してください。',
  'staff.field.reason.required': '理由を入力してください。',
  'staff.field.reason.too_long': '理由は500文字以内で入力してください。',
  'staff.field.label.invalid': 'トークンの名前を60文字以内で入力してください。',
  'staff.field.days.invalid': '有効期間は1〜90日の整数で入力してください。',
  'staff.role.platform_admin': 'プラットフォーム管理者',
  'staff.role.insurer_admin': '健保組合管理者',
  'staff.role.operator': '健保組合担当者',
  'staff.role.support': 'サポート担当者',

  // Inquiries (routes/ops.inquiries.ts, pages/staff/inquiries).
  'staff.inquiries.none': '',
  'staff.inquiries.field.status': '状態を一覧から選んでください。',
  'staff.inquiries.field.type': 'お問い合わせの種類を一覧から選んでください。',
  'staff.inquiries.field.insurer': '保険者番号は8桁の数字で指定してください。',
  'staff.inquiries.field.age': '経過時間を一覧から選んでください。',
  'staff.inquiries.field.assignee': '担当者の条件を一覧から選んでください。',
  'staff.inquiries.field.cursor':
    '次のページの指定が正しくありません。一覧を読み込み直してください。',
  'staff.inquiries.field.checks': '確認した項目を一覧から選んでください。',
  'staff.inquiries.field.note.too_long': 'メモは1000文字以内で入力してください。',
  'staff.inquiries.field.idempotency_key':
    '送信の識別子が正しくありません。画面を読み込み直してください。',
  'staff.inquiries.field.template': 'テンプレートを一覧から選んでください。',
  'staff.inquiries.field.body.required': '回答文を入力してください。',
  'staff.inquiries.field.body.too_long': '回答文は4000文字以内で入力してください。',
  'staff.inquiries.field.lang': '回答の言語を選んでください。',
  'staff.inquiries.field.reason.too_long': '理由は500文字以内で入力してください。',
  'staff.inquiries.field.staff_id': 'このお問い合わせを担当できるサポート担当者を選んでください。',
  'staff.inquiries.closed': 'このお問い合わせは完了しているため、回答や状態の変更はできません。',
  'staff.inquiries.bad_move': 'この状態からは、その状態に変更できません。',
  'staff.inquiries.changed': 'ほかのスタッフが状態を変更しました。画面を読み込み直してください。',

  // Members and their actions (routes/ops.members.ts, pages/staff/members).
  'staff.members.none': '',

  // The audit log (routes/ops.audit.ts, pages/staff/audit).
  'staff.audit.none': '',

  // Staff and platform administration (routes/ops.staff.ts, ops.admin.ts, ops.enrol.ts, pages/staff/admin).
  'staff.admin.none': '',
} as const
