import { Page } from '../../../components/Page'

/** お問い合わせ一覧 (issue 11, staff console): filled in by its area's change. */
export default function InquiryList() {
  return <Page title="お問い合わせ一覧">{null}</Page>
}
