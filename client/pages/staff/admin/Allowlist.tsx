import { Page } from '../../../components/Page'

/** 許可IPの申請 (issue 11, staff console): filled in by its area's change. */
export default function Allowlist() {
  return <Page title="許可IPの申請">{null}</Page>
}
