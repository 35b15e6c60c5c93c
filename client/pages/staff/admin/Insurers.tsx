import { Page } from '../../../components/Page'

/** 健保組合 (issue 11, staff console): filled in by its area's change. */
export default function Insurers() {
  return <Page title="健保組合">{null}</Page>
}
