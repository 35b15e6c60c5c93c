import { Page } from '../../../components/Page'

/** お問い合わせ詳細 (issue 11, staff console): filled in by its area's change. */
export default function InquiryDetail() {
  return <Page title="お問い合わせ詳細">{null}</Page>
}
