/**
 * お問い合わせ's messages in Japanese (journey 8): its fields' errors and the names of its types and
 * statuses. An audience of their own, so the browser fetches them with the inquiry page and no other
 * screen's first load carries them (client/lib/catalogues.ts); the worker has them always (the
 * confirmation mail names the type). Keys: `InquiryMessageKey`.
 */
export const inquiryJa = {
  'field.insurerName.required': '健康保険組合名を入力してください。',
  'field.insurerName.too_long': '健康保険組合名は100文字以内で入力してください。',
  'field.type.required': 'お問い合わせの種類を選択してください。',
  'field.message.required': 'お問い合わせ内容を入力してください。',
  'field.message.too_long': 'お問い合わせ内容は1,000文字以内で入力してください。',
  'field.appVersion.too_long': 'アプリのバージョンは50文字以内で入力してください。',
  'field.device.too_long': 'スマートフォン端末名は50文字以内で入力してください。',
  'field.osVersion.too_long': 'スマートフォン端末のOSバージョンは50文字以内で入力してください。',
  'field.browser.too_long': 'スマートフォンでご利用のブラウザは50文字以内で入力してください。',
  'field.agreePrivacy.required': '個人情報の取り扱いについてに同意してください。',
  'inquiry.type.signup': '新規登録について',
  'inquiry.type.login': 'ログインについて',
  'inquiry.type.viewing_code': '健診閲覧コード(旧パスコード)',
  'inquiry.type.results': '健診結果について',
  'inquiry.type.withdrawal': '退会について',
  'inquiry.type.other': 'その他',
  'inquiry.status.new': '新規',
  'inquiry.status.in_progress': '対応中',
  'inquiry.status.answered': '回答済',
  'inquiry.status.closed': '完了',
}
