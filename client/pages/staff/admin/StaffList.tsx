import { Page } from '../../../components/Page'

/** スタッフ (issue 11, staff console): filled in by its area's change. */
export default function StaffList() {
  return <Page title="スタッフ">{null}</Page>
}
