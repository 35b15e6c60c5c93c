import { Page } from '../../../components/Page'

/** 監査ログ (issue 11, staff console): filled in by its area's change. */
export default function AuditLog() {
  return <Page title="監査ログ">{null}</Page>
}
