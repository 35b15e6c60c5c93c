import { Page } from '../../../components/Page'

/** 招待の受諾(パスワードと認証アプリの設定) (issue 11, staff console): filled in by its area's change. */
export default function Enrol() {
  return <Page title="スタッフ登録">{null}</Page>
}
