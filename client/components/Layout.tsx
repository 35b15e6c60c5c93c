import { useLocation, type RouteSectionProps } from '@solidjs/router'
import { createSignal, ErrorBoundary, For, lazy, Show, Suspense } from 'solid-js'
import { lang, setLang, ui, type Lang } from '../lib/i18n'
import { installOffer } from '../lib/install-offer'
import { online } from '../lib/network'
import { needRefresh, offlineReady } from '../lib/service-worker'
import { member, useLogout } from '../lib/session'
import { Page } from './Page'
import { Loading, LoadFailed } from './Status'

/** The install button and the service worker's notice: fetched when there is something to show. */
const InstallPrompt = lazy(() => import('./InstallPrompt'))
const ReloadPrompt = lazy(() => import('./ReloadPrompt'))

const FOOTER_LINKS = [
  { href: '/terms', key: 'terms' },
  { href: '/privacy', key: 'privacy' },
  { href: '/media-policy', key: 'mediaPolicy' },
  { href: '/inquiry', key: 'inquiry' },
  { href: '/faq', key: 'faq' },
] as const

const LANGUAGES: { lang: Lang; label: string }[] = [
  { lang: 'ja', label: '日本語' },
  { lang: 'en', label: 'English' },
]

/** The language buttons: offline, a language never fetched on this device is not switched to. */
const switchLanguage = (next: Lang) => setLang(next).catch(() => {})

/**
 * The shell around every screen: skip link, header, <main id="main">, footer. The app's own news
 * (install offer, ready offline, new version) sits in the footer's flow, below the fold on a first
 * load, so its coming and going neither covers a control nor moves anything on screen.
 */
export function Layout(props: RouteSectionProps) {
  const logout = useLogout()
  const [leaving, setLeaving] = createSignal(false)
  let main!: HTMLElement

  const skipToMain = (event: MouseEvent) => {
    event.preventDefault()
    main.focus()
  }
  const onLogout = async () => {
    if (leaving()) return
    setLeaving(true)
    try {
      await logout()
    } finally {
      setLeaving(false)
    }
  }

  const route = useLocation()
  // The staff console draws its own frame (pages/staff/StaffShell.tsx).
  const staffConsole = () => /^\/staff(\/|$)/.test(route.pathname)
  return (
    <Show when={!staffConsole()} fallback={props.children}>
      <div class="app">
        <a class="skip-link" href="#main" on:click={skipToMain}>
          {ui('skipLink')}
        </a>
        <header class="site-header">
          <div class="container site-header__inner">
            <a class="brand" href="/">
              <img class="brand__icon" src="/icons/favicon-32.png" alt="" width="28" height="28" />
              <span class="brand__name">{ui('serviceName')}</span>
              <span class="brand__sub">{ui('serviceSubtitle')}</span>
            </a>
            <Show when={member()}>
              <button
                type="button"
                class="button button--header"
                onClick={onLogout}
                aria-busy={leaving()}
              >
                {ui('logout')}
              </button>
            </Show>
          </div>
        </header>
        <Show when={!online()}>
          <div class="offline-banner" role="status">
            <p class="container">
              <span aria-hidden="true">⊘ </span>
              {ui('offlineBanner')}
            </p>
          </div>
        </Show>
        <main id="main" class="container main" tabindex="-1" ref={main}>
          {/* A screen whose code cannot be fetched (offline, never opened here): say so, never a blank page. */}
          <ErrorBoundary
            fallback={(_error, reset) => (
              <Page title={ui('screenLoadFailedTitle')}>
                <LoadFailed
                  message={ui('screenLoadFailed')}
                  retryLabel={ui('reloadScreen')}
                  onRetry={() => (online() ? location.reload() : reset())}
                />
              </Page>
            )}
          >
            <Suspense fallback={<Loading />}>{props.children}</Suspense>
          </ErrorBoundary>
        </main>
        <footer class="site-footer">
          <div class="container">
            <nav aria-label={ui('footerNav')}>
              <ul class="footer-links">
                <For each={FOOTER_LINKS}>
                  {(link) => (
                    <li>
                      <a href={link.href}>{ui(link.key)}</a>
                    </li>
                  )}
                </For>
              </ul>
            </nav>
            <div class="lang-switch" role="group" aria-label={ui('language')}>
              <For each={LANGUAGES}>
                {(item) => (
                  <button
                    type="button"
                    class="choice lang-switch__button"
                    lang={item.lang}
                    aria-pressed={lang() === item.lang}
                    onClick={() => switchLanguage(item.lang)}
                  >
                    {item.label}
                  </button>
                )}
              </For>
            </div>
            <Show when={installOffer()}>
              <Suspense>
                <InstallPrompt />
              </Suspense>
            </Show>
            <div class="reload-prompt-region" aria-live="polite">
              <Show when={offlineReady() || needRefresh()}>
                <Suspense>
                  <ReloadPrompt />
                </Suspense>
              </Show>
            </div>
            <p class="copyright">{ui('copyright')}</p>
          </div>
        </footer>
      </div>
    </Show>
  )
}
