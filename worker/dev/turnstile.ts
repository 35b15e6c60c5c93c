import { Hono } from 'hono'
import { TURNSTILE_TEST_KEYS } from '../config'
import type { Deps } from '../deps'
import type { AppEnv } from '../types'

/**
 * The development and test stand-in for Turnstile's api.js: the same `window.turnstile` calls
 * (render, reset, remove, getResponse) and Cloudflare's documented test site keys:
 * 1x…AA visible pass, 1x…BB invisible pass, 2x…AB always blocks, 3x…FF forces an interactive
 * challenge (here: a checkbox a person must tick). Tokens are the documented dummy token's prefix
 * followed by the widget's action, which the stand-in's siteverify echoes back.
 */
export const STANDIN_TOKEN_PREFIX = 'XXXX.DUMMY.TOKEN.'

export const TURNSTILE_STANDIN_SCRIPT = String.raw`(() => {
  const PREFIX = '${STANDIN_TOKEN_PREFIX}'
  const widgets = new Map()
  let next = 0
  const ja = () => (document.documentElement.lang || 'ja').startsWith('ja')
  const text = (jaText, enText) => (ja() ? jaText : enText)
  function issue(w) {
    const token = PREFIX + String(w.opts.action || '')
    w.token = token
    w.status.textContent = text('確認しました', 'Verified')
    setTimeout(() => w.opts.callback && w.opts.callback(token), 0)
  }
  function draw(w) {
    const key = String(w.opts.sitekey || '')
    w.box.replaceChildren()
    w.token = ''
    w.status = document.createElement('span')
    w.status.className = 'ts-standin-status'
    w.status.setAttribute('role', 'status')
    if (key.startsWith('2x')) {
      w.status.textContent = text('画像認証に失敗しました', 'Verification failed')
      w.box.append(w.status)
      setTimeout(() => w.opts['error-callback'] && w.opts['error-callback']('110200'), 0)
      return
    }
    if (key.startsWith('3x')) {
      const id = 'ts-standin-' + w.id
      const input = document.createElement('input')
      input.type = 'checkbox'
      input.id = id
      const label = document.createElement('label')
      label.htmlFor = id
      label.textContent = text('私はロボットではありません', 'I am human')
      input.addEventListener('change', () => {
        if (input.checked) issue(w)
        else {
          w.token = ''
          w.status.textContent = ''
          w.opts['expired-callback'] && w.opts['expired-callback']()
        }
      })
      w.box.append(input, label, w.status)
      return
    }
    w.box.append(w.status)
    issue(w)
  }
  window.turnstile = {
    render(container, opts) {
      const el = typeof container === 'string' ? document.querySelector(container) : container
      const id = 'w' + next++
      const box = document.createElement('div')
      box.className = 'ts-standin'
      box.dataset.sitekey = String(opts.sitekey || '')
      el.append(box)
      const w = { id, opts: opts || {}, box, token: '' }
      widgets.set(id, w)
      draw(w)
      return id
    },
    reset(id) {
      const w = id ? widgets.get(id) : widgets.values().next().value
      if (w) draw(w)
    },
    remove(id) {
      const w = widgets.get(id)
      if (w) { w.box.remove(); widgets.delete(id) }
    },
    getResponse(id) {
      const w = id ? widgets.get(id) : widgets.values().next().value
      return w ? w.token : undefined
    },
    isExpired() { return false },
  }
  const src = document.currentScript && document.currentScript.src
  const onload = src && new URL(src).searchParams.get('onload')
  if (onload && typeof window[onload] === 'function') window[onload]()
})()
`

/**
 * The stand-in's two URLs, mounted by routes/dev.ts at /dev/turnstile: its api.js, and its
 * siteverify, which answers as Turnstile's does by the documented test secrets.
 */
export function turnstileStandIn(deps: Pick<Deps, 'now'>) {
  return new Hono<AppEnv>()
    .get('/api.js', (c) =>
      c.body(TURNSTILE_STANDIN_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
    )
    .post('/siteverify', async (c) => {
      const type = c.req.header('Content-Type') ?? ''
      const form: Record<string, unknown> = type.includes('json')
        ? await c.req.json()
        : await c.req.parseBody()
      const secret = String(form.secret ?? '')
      const token = String(form.response ?? '')
      // The stand-in's widget puts the action it was drawn for in its token; the answer echoes it, as
      // Turnstile does, so the app's exact action check is exercised in development and tests.
      const action = token.startsWith(STANDIN_TOKEN_PREFIX)
        ? token.slice(STANDIN_TOKEN_PREFIX.length)
        : ''
      const answer = (success: boolean, codes: string[] = []) =>
        c.json({
          success,
          'error-codes': codes,
          challenge_ts: new Date(deps.now()).toISOString(),
          hostname: 'example.com',
          action,
        })
      if (!token) return answer(false, ['missing-input-response'])
      if (secret === TURNSTILE_TEST_KEYS.secretPass) return answer(true)
      if (secret === TURNSTILE_TEST_KEYS.secretFail)
        return answer(false, ['invalid-input-response'])
      if (secret === TURNSTILE_TEST_KEYS.secretSpent) return answer(false, ['timeout-or-duplicate'])
      return answer(false, ['invalid-input-secret'])
    })
}
