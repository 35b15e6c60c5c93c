import { createEffect, createMemo, createSignal, onCleanup, Show, type Accessor } from 'solid-js'
import { api, getConfig, type Captcha, type CaptchaAction } from '../lib/api'
import { lang, ui } from '../lib/i18n'
import { FieldError } from './Field'

type TurnstileOptions = {
  sitekey: string
  action?: string
  language?: string
  callback?: (token: string) => void
  'error-callback'?: (code?: string) => void
  'expired-callback'?: () => void
}
type TurnstileApi = {
  render(container: HTMLElement, options: TurnstileOptions): string | undefined
  reset(widgetId?: string): void
  remove(widgetId: string): void
}

declare global {
  interface Window {
    turnstile?: TurnstileApi
  }
}

let scriptLoad: Promise<TurnstileApi> | undefined

/**
 * Loads Turnstile's api.js once (its URL is configuration: GET /api/config, so development and
 * tests use the stand-in). A created <script> is allowed by the CSP's 'strict-dynamic'; it also
 * gets the page's nonce for browsers without it. A failure is retried on the next render.
 */
function loadTurnstile(): Promise<TurnstileApi> {
  scriptLoad ??= getConfig()
    .then(
      (config) =>
        new Promise<TurnstileApi>((resolve, reject) => {
          if (window.turnstile) return resolve(window.turnstile)
          if (!config) return reject(new Error('no configuration'))
          const script = document.createElement('script')
          script.src = config.turnstile.scriptUrl
          script.async = true
          const nonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce
          if (nonce) script.nonce = nonce
          script.addEventListener('load', () =>
            window.turnstile ? resolve(window.turnstile) : reject(new Error('turnstile missing')),
          )
          script.addEventListener('error', () => reject(new Error('turnstile failed to load')))
          document.head.appendChild(script)
        }),
    )
    .catch((error: unknown) => {
      scriptLoad = undefined
      throw error
    })
  return scriptLoad
}

export type TurnstileHandle = { token: Accessor<string>; reset: () => void }

/**
 * The Turnstile widget. Renders nothing (token '') when `siteKey` is null (captcha level 0);
 * renders again whenever the site key or the UI language changes, e.g. when an answer's
 * `captcha` switches to the interactive key. `ref` receives the token signal and reset().
 */
export function Turnstile(props: {
  id: string
  action: CaptchaAction
  siteKey: string | null | undefined
  ref?: (handle: TurnstileHandle) => void
}) {
  const [token, setToken] = createSignal('')
  const [state, setState] = createSignal<'idle' | 'loading' | 'shown' | 'failed' | 'load-failed'>(
    'idle',
  )
  let container!: HTMLDivElement
  let widget: { api: TurnstileApi; id: string } | undefined

  props.ref?.({
    token,
    reset() {
      setToken('')
      if (widget) widget.api.reset(widget.id)
    },
  })

  createEffect(() => {
    const siteKey = props.siteKey
    const action = props.action
    const language = lang()
    setToken('')
    if (!siteKey) {
      setState('idle')
      return
    }
    let cancelled = false
    setState('loading')
    loadTurnstile().then(
      (turnstile) => {
        if (cancelled) return
        const id = turnstile.render(container, {
          sitekey: siteKey,
          action,
          language,
          // Callbacks of a widget that has since been removed must not touch the new one's token.
          callback: (value) => {
            if (cancelled) return
            setToken(value)
            setState('shown')
          },
          'error-callback': () => {
            if (cancelled) return
            setToken('')
            setState('failed')
          },
          'expired-callback': () => {
            if (!cancelled) setToken('')
          },
        })
        if (id !== undefined) widget = { api: turnstile, id }
        setState('shown')
      },
      () => {
        if (!cancelled) setState('load-failed')
      },
    )
    onCleanup(() => {
      cancelled = true
      if (widget) widget.api.remove(widget.id)
      widget = undefined
    })
  })

  return (
    <div
      id={props.id}
      class="captcha"
      role="group"
      aria-label={ui('captcha')}
      tabindex="-1"
      hidden={!props.siteKey}
    >
      <div class="captcha__widget" ref={container} />
      <Show when={state() === 'loading'}>
        <p class="status">{ui('captchaLoading')}</p>
      </Show>
      <Show when={state() === 'failed' || state() === 'load-failed'}>
        <p class="field__error">
          <span class="field__error-icon" aria-hidden="true">
            ⚠
          </span>
          {state() === 'failed' ? ui('captchaFailed') : ui('captchaLoadFailed')}
        </p>
      </Show>
    </div>
  )
}

/**
 * The captcha of one form: asks POST /api/captcha which level the next submit needs (falling back
 * to the configured managed key), follows the `captcha` of error answers, and gives the token to
 * send (`undefined` at level 0, where no widget is shown).
 */
export function createCaptcha(action: CaptchaAction) {
  const [captcha, setCaptcha] = createSignal<Captcha | undefined>()
  let handle: TurnstileHandle | undefined
  const [bound, setBound] = createSignal(0)

  async function refresh(email?: string): Promise<void> {
    const result = await api.captcha(email ? { action, email } : { action })
    if (result.ok) {
      setCaptcha(result.data)
      return
    }
    if (captcha() !== undefined) return
    const config = await getConfig()
    // Unknown level: offer the managed widget; the server's answer corrects it if needed.
    setCaptcha({ level: 1, siteKey: config?.turnstile.siteKey || null })
  }
  void refresh()

  const siteKey = createMemo(() => captcha()?.siteKey ?? null)
  const token = () => {
    bound()
    return handle?.token() ?? ''
  }

  return {
    action,
    siteKey,
    token,
    /**
     * Waits (up to 15 s) for the managed widget's token, which comes by itself: a member who submits
     * at once should not be told to complete a check they cannot see. The interactive widget
     * (level 2+) waits for the member, so it is not waited for.
     */
    async settled(): Promise<void> {
      for (let waited = 0; waited < 15_000; waited += 50) {
        const current = captcha()
        // Until the level is known there is no widget yet: a submit then would go without a token.
        if (current !== undefined && (siteKey() === null || token() !== '' || current.level >= 2))
          return
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    },
    /**
     * A submit's first step: `settled`, with the form busy meanwhile (a second submit waits for
     * none of it: the caller returns while busy).
     */
    async settledWhile(setBusy: (busy: boolean) => void): Promise<void> {
      setBusy(true)
      await this.settled()
      setBusy(false)
    },
    /** True when a widget is shown and has not produced a token yet. */
    missing: () => captcha() === undefined || (siteKey() !== null && token() === ''),
    /** The token for the request body; omitted when no widget is shown. */
    tokenForSubmit: () => (siteKey() !== null && token() ? token() : undefined),
    /** Follows an error answer's `captcha` (e.g. the interactive key at level 2). */
    update(next: Captcha | undefined): void {
      if (next) setCaptcha(next)
    },
    /**
     * After a submit that used the token (tokens work once): follows the answer's `captcha`, and
     * resets the widget when its key stays the same (a new key renders a fresh widget anyway).
     */
    settle(next?: Captcha): void {
      const sameKey = !next || (next.siteKey ?? null) === siteKey()
      if (next) setCaptcha(next)
      if (sameKey) handle?.reset()
    },
    /** Asks again for a given address (its level may be higher than the network's). */
    refresh,
    /** A token works once: call after every submit that used one. */
    reset(): void {
      handle?.reset()
    },
    bind(next: TurnstileHandle): void {
      handle = next
      setBound((n) => n + 1)
    },
  }
}

export type CaptchaController = ReturnType<typeof createCaptcha>

/** A form's captcha (createCaptcha) with the message beside it when the form was sent without it. */
export function CaptchaField(props: {
  id: string
  captcha: CaptchaController
  error: string | undefined
}) {
  return (
    <>
      <Turnstile
        id={props.id}
        action={props.captcha.action}
        siteKey={props.captcha.siteKey()}
        ref={(handle) => props.captcha.bind(handle)}
      />
      <Show when={props.error}>
        {(message) => <FieldError id={`${props.id}-error`} message={message()} />}
      </Show>
    </>
  )
}
