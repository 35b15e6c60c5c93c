import { For, Show } from 'solid-js'
import type { Capability } from '../../../core/staff'
import { Page } from '../../components/Page'
import { can, staffMember } from './session'
import { s } from './strings'

const AREAS: { href: string; key: Parameters<typeof s>[0]; needs?: Capability | Capability[] }[] = [
  { href: '/staff/data', key: 'data', needs: 'insurer.data' },
  { href: '/staff/inquiries', key: 'inquiries', needs: 'inquiries' },
  { href: '/staff/members/search', key: 'members', needs: 'member.act' },
  { href: '/staff/audit', key: 'audit', needs: 'audit' },
  { href: '/staff/admin/insurers', key: 'insurers', needs: 'platform.manage' },
  { href: '/staff/admin/staff', key: 'staff', needs: 'staff.manage' },
  {
    href: '/staff/admin/allowlist',
    key: 'allowlist',
    needs: ['platform.manage', 'allowlist.request'],
  },
  { href: '/staff/admin/org-codes', key: 'orgCodes', needs: 'platform.manage' },
  { href: '/staff/account', key: 'account' },
]

/** スタッフホーム: the areas the signed-in role may use. */
export default function StaffHome() {
  return (
    <Page title={s('homeTitle')}>
      <Show when={staffMember()}>{(m) => <p>{s('homeLead', { name: m().name })}</p>}</Show>
      <ul class="staff-links">
        <For each={AREAS.filter((a) => !a.needs || [a.needs].flat().some(can))}>
          {(area) => (
            <li>
              <a href={area.href}>{s(area.key)}</a>
            </li>
          )}
        </For>
      </ul>
      <p class="field__hint">{s('sessionNote')}</p>
    </Page>
  )
}
