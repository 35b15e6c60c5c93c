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
  'staff.field.code.wrong':
    '確認コードが正しくないか、すでに使われています。新しいコードを入力してください。',
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
  'staff.members.field.email': 'メールアドレスを254文字以内で入力してください。',

  // The audit log (routes/ops.audit.ts, pages/staff/audit).
  'staff.audit.field.member': '会員IDは英数字・ハイフン・下線の64文字以内で入力してください。',
  'staff.audit.field.staff': '担当者IDは英数字・ハイフン・下線の64文字以内で入力してください。',
  'staff.audit.field.action': '操作は一覧から選んでください。',
  'staff.audit.field.from': '開始日を正しい日付で入力してください。',
  'staff.audit.field.to': '終了日を正しい日付で入力してください。',
  'staff.audit.field.cursor': '続きの読み込みに失敗しました。検索し直してください。',

  // Staff and platform administration (routes/ops.staff.ts, ops.admin.ts, ops.enrol.ts, pages/staff/admin).
  'staff.admin.field.name': '氏名を100文字以内で入力してください。',
  'staff.admin.field.role': '役割を選んでください。',
  'staff.admin.field.disabled': '利用停止は「はい」か「いいえ」で指定してください。',
  'staff.admin.field.what': 'リセットする対象を選んでください。',
  'staff.admin.field.token': 'リンクが正しくありません。メールのリンクをもう一度開いてください。',
  'staff.admin.field.secret': '初期設定用の秘密の値を入力してください。',
  'staff.admin.field.cidrs': 'IPアドレスの範囲を1〜20件入力してください。',
  'staff.admin.field.note': '申請の理由・用途を500文字以内で入力してください。',
  'staff.admin.field.decision': '承認か却下かを選んでください。',
  'staff.admin.field.organisation': '団体名を100文字以内で入力してください。',
  'staff.admin.insurer.required': 'この役割には所属する健保組合の保険者番号が必要です。',
  'staff.admin.insurer.none': 'プラットフォーム管理者には健保組合を指定できません。',
  'staff.admin.insurer.unknown': 'この保険者番号の健保組合は登録されていません。',
  'staff.admin.insurer.not_yours': '自分の健保組合のスタッフだけを管理できます。',
  'staff.admin.role.not_allowed':
    '健保組合管理者が付与できる役割は、健保組合管理者と健保組合担当者だけです。',
  'staff.admin.email.taken': 'このメールアドレスはすでにスタッフとして登録されています。',
  'staff.admin.self': '自分自身の役割の変更・利用停止・リセットはできません。',
  'staff.admin.last_admin': '最後のプラットフォーム管理者は、利用停止や役割の変更ができません。',
  'staff.admin.enrol.code_wrong':
    '確認コードが正しくありません。認証アプリに表示されている最新の6桁を入力してください。',
  'staff.admin.enrol.password_needed': 'パスワードを設定してください。',
  'staff.admin.allowlist.too_many': '許可IPの範囲は合計100件までです。承認すると上限を超えます。',
  'staff.admin.allowlist.pending_limit':
    '審査待ちの申請は{max}件までです。プラットフォーム管理者の判断をお待ちください。',
  'staff.admin.allowlist.no_insurer': '許可IPの申請は、健保組合に所属するスタッフが行えます。',
} as const
