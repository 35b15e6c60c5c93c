import { lang } from '../../../lib/i18n'

/**
 * The audit log's actions in words (the code stays beside it, for searching and the CSV). An action
 * without a name here reads as its code.
 */
const NAMES: Record<string, [ja: string, en: string]> = {
  'member.looked_up': ['会員の検索', 'Member looked up'],
  'member.viewed': ['会員情報の閲覧', 'Member details viewed'],
  'member.code_reissued': ['健診閲覧コードの再発行', 'Viewing code re-issued'],
  'member.address_unlocked': ['ログインのロック解除', 'Address lock lifted'],
  'member.health_unlocked': ['健診データのロック解除', 'Health-data lock lifted'],
  'member.reset_mail_sent': ['パスワード再設定メールの送信', 'Password reset mail sent'],
  'member.sessions_ended': ['全セッションの終了', 'All sessions ended'],
  'member.login_id_notice_sent': ['ログインIDの案内メール', 'Login ID notice sent'],
  'inquiry.viewed': ['お問い合わせの閲覧', 'Inquiry viewed'],
  'inquiry.status_changed': ['お問い合わせの状態変更', 'Inquiry status changed'],
  'inquiry.note_added': ['本人確認メモ', 'Identity-check note'],
  'inquiry.replied': ['お問い合わせへの回答', 'Inquiry answered'],
  'inquiry.assigned': ['担当者の設定', 'Inquiry assigned'],
  'health.read': ['健診結果の閲覧', 'Health data read'],
  'health.code_verified': ['健診閲覧コードの確認', 'Viewing code verified'],
  'login.succeeded': ['会員ログイン', 'Member log-in'],
  'login.failed': ['会員ログインの失敗', 'Member log-in failed'],
  logout: ['会員ログアウト', 'Member log-out'],
  'account.created': ['会員登録', 'Account created'],
  'password.reset_requested': ['パスワード再設定の依頼', 'Password reset requested'],
  'password.reset': ['パスワード再設定', 'Password reset'],
  'address.locked': ['ログインのロック', 'Address locked'],
  'address.unlocked': ['ログインのロック解除(本人)', 'Address unlocked (by the owner)'],
  'card.linked': ['保険証の登録', 'Card linked'],
  'codes.issued': ['健診閲覧コードの発行', 'Viewing codes issued'],
  'codes.reissued': ['健診閲覧コードの再発行(担当者)', 'Viewing codes re-issued'],
  'roster.batch_imported': ['名簿の取り込み', 'Roster imported'],
  'checkups.imported': ['健診結果の取り込み', 'Checkups imported'],
  'insurer.created': ['健保組合の作成', 'Insurer created'],
  'insurer.updated': ['健保組合の設定変更', 'Insurer settings changed'],
  'insurer.allowlist_changed': ['許可IPの変更', 'Allow-list changed'],
  'staff.login': ['スタッフログイン', 'Staff log-in'],
  'staff.login_failed': ['スタッフログインの失敗', 'Staff log-in failed'],
  'staff.logout': ['スタッフログアウト', 'Staff log-out'],
  'staff.token_issued': ['APIトークンの発行', 'API token issued'],
  'staff.token_revoked': ['APIトークンの失効', 'API token revoked'],
  'staff.passkey_added': ['パスキーの登録', 'Passkey added'],
  'staff.passkey_removed': ['パスキーの削除', 'Passkey removed'],
  'staff.bootstrapped': ['最初の管理者の作成', 'First platform admin created'],
  'staff.invited': ['スタッフの招待', 'Staff invited'],
  'staff.enrolled': ['スタッフの登録完了', 'Staff enrolled'],
  'staff.updated': ['スタッフの変更', 'Staff changed'],
  'staff.second_factor_reset': ['2つ目の要素のリセット', 'Second factor reset'],
  'staff.disabled': ['スタッフの無効化', 'Staff disabled'],
  'allowlist.requested': ['許可IPの申請', 'Allow-list requested'],
  'allowlist.approved': ['許可IPの承認', 'Allow-list approved'],
  'allowlist.refused': ['許可IPの却下', 'Allow-list refused'],
  'orgcode.issued': ['団体連携コードの発行', 'Organisation code issued'],
  'orgcode.retired': ['団体連携コードの廃止', 'Organisation code retired'],
  'audit.searched': ['監査ログの検索', 'Audit log searched'],
  'audit.exported': ['監査ログのCSV出力', 'Audit log exported'],
  // issue 13, codes (D)
  'staff.removed': ['スタッフの削除', 'Staff removed'],
  'imports.started': ['取り込みの開始', 'Import started'],
  'imports.finished': ['取り込みの終了', 'Import finished'],
  'imports.interrupted': ['取り込みの中断', 'Import interrupted'],
  'codes.run_started': ['健診閲覧コードの発行開始', 'Viewing-code run started'],
  'codes.run_confirmed': ['印刷用ファイルの確認(コード確定)', 'Viewing-code run confirmed'],
  'codes.run_revoked': ['印刷用ファイルの破棄(コード無効)', 'Viewing-code run discarded'],
}

export const actionName = (code: string): string => {
  const names = NAMES[code]
  return names ? names[lang() === 'en' ? 1 : 0] : code
}
