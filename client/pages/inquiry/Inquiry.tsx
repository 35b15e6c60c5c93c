import { lazy } from 'solid-js'

// The form is a chunk of this folder's own, which the Worker preloads with this one (vite.config.ts,
// routePreloads): the entry's table of what each screen's chunk needs then holds no more than it did
// before the form, so no other screen's first load grows (docs/decisions.md, issue 11).
const InquiryPage = lazy(() => import('./InquiryPage'))

/** お問い合わせ (journey 8): see InquiryPage. */
export default function Inquiry() {
  return <InquiryPage />
}
