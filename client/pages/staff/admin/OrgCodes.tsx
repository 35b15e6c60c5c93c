import { Page } from '../../../components/Page'

/** 団体連携コード (issue 11, staff console): filled in by its area's change. */
export default function OrgCodes() {
  return <Page title="団体連携コード">{null}</Page>
}
