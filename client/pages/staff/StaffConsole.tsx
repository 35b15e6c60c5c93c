import { useLocation } from '@solidjs/router'
import { createContext, createMemo, lazy, Show, useContext, type Component } from 'solid-js'
import type { Capability } from '../../../core/staff'

/**
 * The staff console (`/staff/*`): one route in the member app's shell (client/App.tsx), so a member's
 * first load names the console once, not each of its screens (bench/README.md, sizes). The console picks
 * its screen from the path here, each screen its own chunk.
 */
// Lazily too, so the member app's shell names this one small file and nothing it imports.
const StaffShell = lazy(() => import('./StaffShell'))
const Guard = lazy(() => import('./Guard'))
const NotFound = lazy(() => import('../NotFound'))

const SCREENS: { path: RegExp; page: Component; needs?: Capability[] }[] = [
  { path: /^\/staff\/?$/, page: lazy(() => import('./StaffHome')) },
  { path: /^\/staff\/login$/, page: lazy(() => import('./StaffLogin')) },
  { path: /^\/staff\/enrol$/, page: lazy(() => import('./admin/Enrol')) },
  { path: /^\/staff\/account$/, page: lazy(() => import('./StaffAccount')) },
  {
    path: /^\/staff\/inquiries$/,
    page: lazy(() => import('./inquiries/InquiryList')),
    needs: ['inquiries'],
  },
  {
    path: /^\/staff\/inquiries\/([^/]+)$/,
    page: lazy(() => import('./inquiries/InquiryDetail')),
    needs: ['inquiries'],
  },
  {
    path: /^\/staff\/members\/([^/]+)$/,
    page: lazy(() => import('./members/MemberDetail')),
    needs: ['member.act'],
  },
  { path: /^\/staff\/audit$/, page: lazy(() => import('./audit/AuditLog')), needs: ['audit'] },
  {
    path: /^\/staff\/admin\/insurers$/,
    page: lazy(() => import('./admin/Insurers')),
    needs: ['platform.manage', 'insurer.settings'],
  },
  {
    path: /^\/staff\/admin\/staff$/,
    page: lazy(() => import('./admin/StaffList')),
    needs: ['staff.manage'],
  },
  {
    path: /^\/staff\/admin\/allowlist$/,
    page: lazy(() => import('./admin/Allowlist')),
    needs: ['platform.manage', 'allowlist.request'],
  },
  {
    path: /^\/staff\/admin\/org-codes$/,
    page: lazy(() => import('./admin/OrgCodes')),
    needs: ['platform.manage'],
  },
  // The insurer's data: its home, imports, codes and import history (the history detail's id is
  // "<number>/history/<id>", split by the screen).
  { path: /^\/staff\/data$/, page: lazy(() => import('./data/DataHome')), needs: ['insurer.data'] },
  {
    path: /^\/staff\/insurers\/([^/]+)\/codes$/,
    page: lazy(() => import('./codes/Codes')),
    needs: ['insurer.data'],
  },
  {
    path: /^\/staff\/insurers\/([^/]+)\/history$/,
    page: lazy(() => import('./imports/ImportHistory')),
    needs: ['insurer.data'],
  },
  {
    path: /^\/staff\/insurers\/([^/]+\/history\/[^/]+)$/,
    page: lazy(() => import('./imports/ImportDetail')),
    needs: ['insurer.data'],
  },
  {
    path: /^\/staff\/insurers\/([^/]+)\/imports$/,
    page: lazy(() => import('./imports/Imports')),
    needs: ['insurer.data'],
  },
]

const ScreenId = createContext<() => string>(() => '')

/** The id in a screen's path (`/staff/inquiries/<id>`, `/staff/members/<id>`). */
export function useScreenId(): () => string {
  return useContext(ScreenId)
}

export default function StaffConsole() {
  const location = useLocation()
  const screen = createMemo(() => {
    for (const s of SCREENS) {
      const m = s.path.exec(location.pathname)
      if (m) return { page: s.page, needs: s.needs, id: m[1] ? decodeURIComponent(m[1]) : '' }
    }
    return null
  })
  const page = createMemo(() => screen()?.page)
  return (
    <StaffShell>
      <Show when={page()} fallback={<NotFound />} keyed>
        {(current) => (
          <ScreenId.Provider value={() => screen()?.id ?? ''}>
            <Guard needs={screen()?.needs}>{current({})}</Guard>
          </ScreenId.Provider>
        )}
      </Show>
    </StaffShell>
  )
}
