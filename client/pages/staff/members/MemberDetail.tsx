import { Page } from '../../../components/Page'

/** 会員の詳細と対応 (issue 11, staff console): filled in by its area's change. */
export default function MemberDetail() {
  return <Page title="会員情報">{null}</Page>
}
