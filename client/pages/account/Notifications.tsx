import { createSignal, Match, onMount, Show, Switch } from 'solid-js'
import { ErrorAlert, Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { RequireMember } from '../../components/RequireMember'
import { LoadFailed, Loading, StatusLine } from '../../components/Status'
import { call, type ApiError } from '../../lib/api'
import { defineStrings } from '../../lib/i18n'
import { setMember } from '../../lib/session'
import './Notifications.css'

const s = defineStrings(
  {
    title: 'お知らせの設定',
    intro:
      '新しい健診結果が届いたときなどに、お知らせでお伝えします。お知らせには健診結果の内容は含まれません。',
    mailHeading: 'メールでのお知らせ',
    mailLabel: 'お知らせをメールでも受け取る',
    mailHint: '登録のメールアドレスに「新しい健診結果が届きました」などとお送りします。',
    save: '保存する',
    saving: '保存しています…',
    savedOn: 'メールでのお知らせを受け取る設定にしました。',
    savedOff: 'メールでのお知らせを止めました。',
    pushHeading: 'この端末への通知',
    pushIntro:
      'この端末(ブラウザー・アプリ)に通知を表示します。端末ごとの設定で、ログアウトすると解除されます。',
    pushOn: '現在の状態: 通知を受け取る',
    pushOff: '現在の状態: 通知を受け取らない',
    pushDenied:
      '現在の状態: 通知がブロックされています。ブラウザーまたは端末の設定で、このサイトの通知を許可してください。',
    pushUnsupported: 'この端末・ブラウザーでは通知を受け取れません。',
    pushIos:
      'iPhone・iPad では、Safari の共有メニューから「ホーム画面に追加」したアプリを開いて、この画面のボタンを押すと通知を受け取れます(ブラウザーのままでは受け取れません)。',
    pushEnable: 'この端末で通知を受け取る',
    pushDisable: 'この端末の通知を止める',
    pushAsking: '通知の許可を確認しています…',
    pushEnabled: 'この端末で通知を受け取る設定にしました。',
    pushDisabled: 'この端末の通知を止めました。',
    pushFailed:
      '通知を設定できませんでした。プライベートブラウズ(シークレットモード)では使えないことがあります。通常の画面か、ホーム画面に追加したアプリで、もう一度お試しください。',
    retry: 'もう一度読み込む',
    back: 'アカウント設定に戻る',
  },
  {
    title: 'Notification settings',
    intro:
      'We tell you in News when, for example, new checkup results arrive. Notices never contain your results.',
    mailHeading: 'Notices by e-mail',
    mailLabel: 'Also send notices to my e-mail address',
    mailHint: 'We send a short mail such as “New checkup results have arrived” to your address.',
    save: 'Save',
    saving: 'Saving…',
    savedOn: 'Notices will also be sent by e-mail.',
    savedOff: 'Notices will no longer be sent by e-mail.',
    pushHeading: 'Notifications on this device',
    pushIntro:
      'Show notifications on this device (browser or app). This is set per device and ends when you log out.',
    pushOn: 'Now: notifications on',
    pushOff: 'Now: notifications off',
    pushDenied:
      'Now: notifications are blocked. Allow notifications for this site in your browser or device settings.',
    pushUnsupported: 'This device or browser cannot receive notifications.',
    pushIos:
      'On iPhone and iPad, add the app to your Home Screen from Safari’s Share menu, open it from there and press the button on this screen (Safari itself cannot receive them).',
    pushEnable: 'Get notifications on this device',
    pushDisable: 'Stop notifications on this device',
    pushAsking: 'Asking for permission…',
    pushEnabled: 'Notifications are on for this device.',
    pushDisabled: 'Notifications are off for this device.',
    pushFailed:
      'Notifications could not be set up. They may not work in a private (incognito) window: please try again in a normal window or in the installed app.',
    retry: 'Try again',
    back: 'Back to account settings',
  },
)

/** /account/notifications — mail on or off, and this device's Web Push (only from a button). */
export default function Notifications() {
  return (
    <Page title={s('title')}>
      <RequireMember>{() => <Settings />}</RequireMember>
    </Page>
  )
}

function Settings() {
  const [settings, setSettings] = createSignal<{ mail: boolean; pushKey: string }>()
  const [failure, setFailure] = createSignal<ApiError>()
  const load = async () => {
    setFailure(undefined)
    const result = await call('$get', '/api/notices/settings')
    if (result.ok) setSettings(result.data)
    else if (result.error.code === 'unauthenticated') setMember(null)
    else setFailure(result.error)
  }
  onMount(load)
  return (
    <Switch fallback={<Loading />}>
      <Match when={failure()}>
        {(error) => <LoadFailed message={error().message} retryLabel={s('retry')} onRetry={load} />}
      </Match>
      <Match when={settings()}>
        {(current) => (
          <>
            <p>{s('intro')}</p>
            <MailSetting mail={current().mail} />
            <PushSetting pushKey={current().pushKey} />
            <p class="notify__section">
              <a href="/account">{s('back')}</a>
            </p>
          </>
        )}
      </Match>
    </Switch>
  )
}

function MailSetting(props: { mail: boolean }) {
  // The stored value seeds the checkbox once; from then on the checkbox is the state.
  const [mail, setMail] = createSignal(props.mail)
  const [busy, setBusy] = createSignal(false)
  const [status, setStatus] = createSignal('')
  const [error, setError] = createSignal('')
  const save = async (event: SubmitEvent) => {
    event.preventDefault()
    setBusy(true)
    setError('')
    setStatus(s('saving'))
    const result = await call('$post', '/api/notices/settings', { json: { mail: mail() } })
    setBusy(false)
    if (result.ok) setStatus(result.data.mail ? s('savedOn') : s('savedOff'))
    else {
      setStatus('')
      setError(result.error.message)
    }
  }
  return (
    <section class="notify__section" aria-labelledby="notify-mail-heading">
      <h2 id="notify-mail-heading">{s('mailHeading')}</h2>
      <Show when={error()}>
        <ErrorAlert>{error()}</ErrorAlert>
      </Show>
      <form class="form" novalidate onSubmit={(e) => void save(e)} aria-busy={busy()}>
        <div class="field">
          <div class="checkbox">
            <input
              id="notify-mail"
              type="checkbox"
              checked={mail()}
              onChange={(e) => setMail(e.currentTarget.checked)}
              aria-describedby="notify-mail-hint"
            />
            <label for="notify-mail">{s('mailLabel')}</label>
          </div>
          <p id="notify-mail-hint" class="field__hint">
            {s('mailHint')}
          </p>
        </div>
        <button type="submit" class="button button--primary" disabled={busy()}>
          {s('save')}
        </button>
      </form>
      <StatusLine text={status()} />
    </section>
  )
}

type PushState = 'checking' | 'on' | 'off' | 'denied' | 'unsupported'

/** The VAPID key (base64url) as the bytes PushManager.subscribe takes. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, '+').replace(/_/g, '/')
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4))
  return Uint8Array.from(bin, (c) => c.charCodeAt(0))
}

const isIos = () =>
  /iPhone|iPad|iPod/.test(navigator.userAgent) ||
  (navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1)

async function registration(): Promise<ServiceWorkerRegistration | undefined> {
  if (!('serviceWorker' in navigator)) return undefined
  return navigator.serviceWorker.getRegistration()
}

/**
 * This device's push: the permission is asked only when the member presses the button (never on
 * load; iOS allows the prompt only in the home-screen app and only from a tap), then the browser's
 * subscription is stored for this session. Off: unsubscribed here and removed on the server.
 */
function PushSetting(props: { pushKey: string }) {
  const [state, setState] = createSignal<PushState>('checking')
  const [status, setStatus] = createSignal('')
  const [error, setError] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const supported = () =>
    typeof window !== 'undefined' &&
    'serviceWorker' in navigator &&
    'PushManager' in window &&
    'Notification' in window

  onMount(async () => {
    if (!supported()) return setState('unsupported')
    if (Notification.permission === 'denied') return setState('denied')
    const reg = await registration()
    const sub = await reg?.pushManager.getSubscription()
    setState(sub && Notification.permission === 'granted' ? 'on' : 'off')
  })

  const enable = async () => {
    setBusy(true)
    setError('')
    setStatus(s('pushAsking'))
    try {
      const permission = await Notification.requestPermission()
      if (permission !== 'granted') {
        setStatus('')
        setState(permission === 'denied' ? 'denied' : 'off')
        return
      }
      const reg = (await registration()) ?? (await navigator.serviceWorker.ready)
      const sub =
        (await reg.pushManager.getSubscription()) ??
        (await reg.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: keyBytes(props.pushKey),
        }))
      const json = sub.toJSON() as { endpoint: string; keys: { p256dh: string; auth: string } }
      const result = await call('$post', '/api/push/subscriptions', {
        json: { endpoint: json.endpoint, keys: json.keys },
      })
      if (!result.ok) {
        await sub.unsubscribe().catch(() => false)
        setStatus('')
        setError(result.error.message)
        setState('off')
        return
      }
      setState('on')
      setStatus(s('pushEnabled'))
    } catch {
      setStatus('')
      setError(s('pushFailed'))
    } finally {
      setBusy(false)
    }
  }

  const disable = async () => {
    setBusy(true)
    setError('')
    try {
      const sub = await (await registration())?.pushManager.getSubscription()
      if (sub) {
        await call('$post', '/api/push/subscriptions/remove', { json: { endpoint: sub.endpoint } })
        await sub.unsubscribe()
      }
      setState('off')
      setStatus(s('pushDisabled'))
    } catch {
      setError(s('pushFailed'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="notify__section" aria-labelledby="notify-push-heading">
      <h2 id="notify-push-heading">{s('pushHeading')}</h2>
      <p>{s('pushIntro')}</p>
      <Show when={isIos()}>
        <Notice kind="info" sign="ℹ">
          {s('pushIos')}
        </Notice>
      </Show>
      <Show when={error()}>
        <ErrorAlert>{error()}</ErrorAlert>
      </Show>
      <Switch>
        <Match when={state() === 'unsupported'}>
          <p class="notify__state">{s('pushUnsupported')}</p>
        </Match>
        <Match when={state() === 'denied'}>
          <p class="notify__state">{s('pushDenied')}</p>
        </Match>
        <Match when={state() === 'on'}>
          <p class="notify__state">{s('pushOn')}</p>
          <button
            type="button"
            class="button button--secondary"
            disabled={busy()}
            onClick={() => void disable()}
          >
            {s('pushDisable')}
          </button>
        </Match>
        <Match when={state() === 'off'}>
          <p class="notify__state">{s('pushOff')}</p>
          <button
            type="button"
            class="button button--primary"
            disabled={busy()}
            onClick={() => void enable()}
          >
            {s('pushEnable')}
          </button>
        </Match>
      </Switch>
      <StatusLine text={status()} />
    </section>
  )
}
