import { ButtonLink } from '../../components/Page'
import { useNavigate } from '@solidjs/router'
import { createSignal, Match, Show, Switch, type JSX } from 'solid-js'
import type { ApiError } from '../../lib/api'
import { lang } from '../../lib/i18n'
import { logout } from '../../lib/session'
import { resetCard } from './store'
import { s } from './strings'

/** The refusals of POST /api/card/link that get a panel of their own (journey 3). */
export const CARD_OUTCOMES = new Set([
  'card_not_found',
  'card_already_linked',
  'account_already_linked',
  'qualification_ended',
  'card_restricted',
  'insurer_maintenance',
  'card_too_many_attempts',
])

/** Only maintenance ends by itself; any other answer would come back the same and cost a check. */
export function canRetry(code: string): boolean {
  return code === 'insurer_maintenance'
}

function Inquiry() {
  return (
    <li>
      <a href="/inquiry?type=signup">{s('inquiry')}</a>
    </li>
  )
}

/**
 * Why 利用資格を照会する did not link the card, and what to do next. It never says which field was
 * wrong, and never shows the address an already-linked card belongs to. role="alert" announces it;
 * the confirmation screen moves the focus here (tabindex -1).
 */
export function CardOutcome(props: { error: ApiError; ref?: (element: HTMLElement) => void }) {
  const navigate = useNavigate()
  const [leaving, setLeaving] = createSignal(false)
  const code = () => props.error.code
  const warning = () => code() === 'insurer_maintenance' || code() === 'account_already_linked'

  const panel = (title: string, body: JSX.Element) => (
    <div
      class="notice outcome"
      classList={{ 'notice--warning': warning(), 'notice--error': !warning() }}
      role="alert"
      tabindex="-1"
      aria-labelledby="card-outcome-title"
      ref={props.ref}
    >
      <h2 id="card-outcome-title" class="outcome__title">
        <span aria-hidden="true">⚠ </span>
        {title}
      </h2>
      {body}
    </div>
  )

  /** 以前登録したメールアドレスでログインする: out of this account, then the log-in screen. */
  const loginEarlier = async () => {
    if (leaving()) return
    setLeaving(true)
    resetCard()
    try {
      await logout(navigate)
    } finally {
      setLeaving(false)
    }
  }

  return (
    <Switch>
      <Match when={code() === 'card_not_found'}>
        {panel(
          s('notFoundTitle'),
          <>
            <p>{props.error.message}</p>
            <p>{s('notFoundLead')}</p>
            <ol class="bullets">
              <li>{s('cause1')}</li>
              <li>
                {s('cause2')}
                <ul class="bullets bullets--nested">
                  <li>{s('cause2Wait')}</li>
                  <li>{s('cause2Changed')}</li>
                  <li>{s('cause2New')}</li>
                </ul>
              </li>
              <li>
                {s('cause3')}
                <br />
                {s('cause3Example')}
              </li>
            </ol>
            <p>{s('notFoundNext')}</p>
            <div class="button-row">
              <ButtonLink href="/card">{s('fix')}</ButtonLink>
              <ButtonLink href="/inquiry?type=signup" kind="secondary">
                {s('inquiry')}
              </ButtonLink>
            </div>
          </>,
        )}
      </Match>
      <Match when={code() === 'card_already_linked'}>
        {panel(
          s('cardLinkedTitle'),
          <>
            <p>{props.error.message}</p>
            <p>{s('cardLinkedText')}</p>
            <div class="button-row">
              <button
                type="button"
                class="button button--primary"
                aria-describedby="card-login-earlier-note"
                aria-busy={leaving()}
                onClick={loginEarlier}
              >
                {s('loginEarlier')}
              </button>
            </div>
            <p id="card-login-earlier-note" class="note">
              {s('loginEarlierNote')}
            </p>
            <ul class="link-list">
              <li>
                <a href="/password/forgot">{s('forgotPassword')}</a>
              </li>
              <li>
                <a href="/inquiry?type=login">{s('forgotEmail')}</a>
              </li>
            </ul>
          </>,
        )}
      </Match>
      <Match when={code() === 'account_already_linked'}>
        {panel(
          s('accountLinkedTitle'),
          <>
            <p>{props.error.message}</p>
            <p>{s('accountLinkedNext')}</p>
            <p>
              <ButtonLink href="/home">{s('toHome')}</ButtonLink>
            </p>
          </>,
        )}
      </Match>
      <Match when={code() === 'qualification_ended'}>
        {panel(
          s('endedTitle'),
          <>
            <p>{props.error.message}</p>
            <p>{s('endedNext')}</p>
            <ul class="link-list">
              <li>
                <a href="/card">{s('fix')}</a>
              </li>
              <Inquiry />
            </ul>
          </>,
        )}
      </Match>
      <Match when={code() === 'card_restricted'}>
        {panel(
          s('restrictedTitle'),
          <>
            <p>{props.error.message}</p>
            <p>{s('restrictedExample')}</p>
            <p>{s('restrictedNext')}</p>
            <ul class="link-list">
              <Inquiry />
            </ul>
          </>,
        )}
      </Match>
      <Match when={code() === 'insurer_maintenance'}>
        {panel(
          s('maintenanceTitle'),
          <>
            <p>{props.error.message}</p>
            <MaintenanceNotice error={props.error} />
            <p>{s('maintenanceNext')}</p>
            <ul class="link-list">
              <Inquiry />
            </ul>
          </>,
        )}
      </Match>
      <Match when={code() === 'card_too_many_attempts'}>
        {panel(
          s('tooManyTitle'),
          <>
            <p>{props.error.message}</p>
            <p>{s('tooManyNext')}</p>
            <p>
              <ButtonLink href="/inquiry?type=signup">{s('inquiry')}</ButtonLink>
            </p>
          </>,
        )}
      </Match>
    </Switch>
  )
}

/**
 * The insurer's own words during maintenance, and when it should end (in Japan's time), as the card
 * check answers them (`maintenanceMessage`, `maintenanceUntil`); nothing when the insurer set neither.
 */
function MaintenanceNotice(props: { error: ApiError }) {
  const extra = () =>
    props.error as ApiError & { maintenanceMessage?: unknown; maintenanceUntil?: unknown }
  const message = () => {
    const m = extra().maintenanceMessage
    return typeof m === 'string' && m.trim() !== '' ? m : null
  }
  const until = () => {
    const u = extra().maintenanceUntil
    const ms = typeof u === 'string' ? Date.parse(u) : NaN
    if (!Number.isFinite(ms)) return null
    return new Date(ms).toLocaleString(lang() === 'en' ? 'en-GB' : 'ja-JP', {
      timeZone: 'Asia/Tokyo',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    })
  }
  return (
    <>
      <Show when={message()}>
        {(m) => (
          <div class="outcome__insurer">
            <p class="outcome__insurer-label">{s('maintenanceMessage')}</p>
            <p class="outcome__insurer-text">{m()}</p>
          </div>
        )}
      </Show>
      <Show when={until()}>{(at) => <p>{s('maintenanceUntil', { at: at() })}</p>}</Show>
    </>
  )
}
