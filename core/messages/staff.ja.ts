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
  'staff.field.passkeyName.invalid': 'パスキーの名前を60文字以内で入力してください。',
  'staff.role.platform_admin': 'プラットフォーム管理者',
  'staff.role.insurer_admin': '健保組合管理者',
  'staff.role.operator': '健保組合担当者',
  'staff.role.support': 'サポート担当者',

  // Inquiries (routes/ops.inquiries.ts, pages/staff/inquiries).
  'staff.inquiries.none': '',

  // Members and their actions (routes/ops.members.ts, pages/staff/members).
  'staff.members.none': '',
  'staff.members.field.email': 'メールアドレスを254文字以内で入力してください。',

  // The audit log (routes/ops.audit.ts, pages/staff/audit).
  'staff.audit.none': '',
  'staff.audit.field.member': '会員IDは英数字・ハイフン・下線の64文字以内で入力してください。',
  'staff.audit.field.staff': '担当者IDは英数字・ハイフン・下線の64文字以内で入力してください。',
  'staff.audit.field.action': '操作は一覧から選んでください。',
  'staff.audit.field.from': '開始日を正しい日付で入力してください。',
  'staff.audit.field.to': '終了日を正しい日付で入力してください。',
  'staff.audit.field.cursor': '続きの読み込みに失敗しました。検索し直してください。',

  // Staff and platform administration (routes/ops.staff.ts, ops.admin.ts, ops.enrol.ts, pages/staff/admin).
  'staff.admin.none': '',
} as const
