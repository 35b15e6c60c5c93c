import { useLocation, useNavigate } from '@solidjs/router'
import { createEffect, createResource, createSignal, For, Show, Suspense, type JSX } from 'solid-js'
import type { Capability } from '../../../core/staff'
import { t, type MessageKey } from '../../../core/i18n'
import { Loading } from '../../components/Status'
import { lang, setLang, type Lang } from '../../lib/i18n'
import { loadStaffMessages } from './messages'
import { can, signOut, staffMember } from './session'
import { s } from './strings'
import './staff.css'

/** The console's menu: each entry shown to the roles that can use it (the Worker checks again). */
const NAV: { href: string; key: Parameters<typeof s>[0]; needs?: Capability | Capability[] }[] = [
  { href: '/staff', key: 'home' },
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
  { href: '/staff/data', key: 'data', needs: 'insurer.data' },
]

/** Screens open without a session: log-in, and accepting an invitation. */
const OPEN = ['/staff/login', '/staff/enrol']

const LANGUAGES: { lang: Lang; label: string }[] = [
  { lang: 'ja', label: '日本語' },
  { lang: 'en', label: 'English' },
]

/**
 * The staff console's frame (`/staff/*`, its own chunks: no member's first load carries any of it):
 * skip link, header with the console's name, the signed-in staff member and log-out, the menu the
 * role may use, and <main>. Without a session every screen but log-in and enrolment goes to log-in.
 */
export default function StaffShell(props: { children: JSX.Element }) {
  const location = useLocation()
  const navigate = useNavigate()
  const [messages] = createResource(loadStaffMessages)
  const [leaving, setLeaving] = createSignal(false)
  const open = () => OPEN.some((p) => location.pathname.startsWith(p))
  let main!: HTMLElement

  createEffect(() => {
    if (staffMember.loading || open() || staffMember()) return
    const next = location.pathname + location.search
    navigate(`/staff/login?next=${encodeURIComponent(next)}`, { replace: true })
  })

  const onSignOut = async () => {
    if (leaving()) return
    setLeaving(true)
    await signOut()
    setLeaving(false)
    navigate('/staff/login', { replace: true })
  }
  // The role's name is in the console's messages: none until they are loaded (never the raw key).
  const roleName = () => {
    const m = staffMember()
    return m && !messages.loading ? t(lang(), `staff.role.${m.role}` as MessageKey) : ''
  }
  // An insurer's screens (/staff/insurers/:number/…) are reached from 健保組合のデータ.
  const current = (href: string) =>
    href === '/staff'
      ? location.pathname === '/staff' || location.pathname === '/staff/'
      : location.pathname.startsWith(href) ||
        (href === '/staff/data' && location.pathname.startsWith('/staff/insurers/'))

  return (
    <div class="app staff">
      <a
        class="skip-link"
        href="#main"
        on:click={(e) => {
          e.preventDefault()
          main.focus()
        }}
      >
        {s('skipLink')}
      </a>
      <header class="staff-header">
        <div class="staff-header__inner">
          <a class="brand" href="/staff">
            <img class="brand__icon" src="/icons/favicon-32.png" alt="" width="28" height="28" />
            <span class="brand__name">Kenshin Portal</span>
            <span class="brand__sub">{s('consoleName')}</span>
          </a>
          <div class="staff-header__tools">
            <Show when={staffMember()}>
              {(m) => (
                <>
                  <span class="staff-header__who">
                    {roleName() ? s('signedInAs', { name: m().name, role: roleName() }) : m().name}
                  </span>
                  <button
                    type="button"
                    class="button button--header"
                    onClick={onSignOut}
                    aria-busy={leaving()}
                  >
                    {s('signOut')}
                  </button>
                </>
              )}
            </Show>
          </div>
        </div>
        <div class="staff-bar">
          <Show when={staffMember()}>
            <nav class="staff-nav" aria-label={s('nav')}>
              <ul>
                <For each={NAV.filter((item) => !item.needs || [item.needs].flat().some(can))}>
                  {(item) => (
                    <li>
                      <a href={item.href} aria-current={current(item.href) ? 'page' : undefined}>
                        {s(item.key)}
                      </a>
                    </li>
                  )}
                </For>
              </ul>
            </nav>
          </Show>
          <div class="lang-switch staff-lang" role="group" aria-label="Language / 言語">
            <For each={LANGUAGES}>
              {(option) => (
                <button
                  type="button"
                  class="choice lang-switch__button"
                  aria-pressed={lang() === option.lang}
                  onClick={() => void setLang(option.lang).catch(() => {})}
                >
                  {option.label}
                </button>
              )}
            </For>
          </div>
        </div>
      </header>
      <main id="main" class="staff-main" tabindex="-1" ref={main}>
        <Show when={!messages.loading && (open() || staffMember())} fallback={<Loading />}>
          <Suspense fallback={<Loading />}>{props.children}</Suspense>
        </Show>
      </main>
    </div>
  )
}
