import { createEffect, createSignal, on, onCleanup, onMount, Show } from 'solid-js'
import { t, type MessageKey } from '../../core/i18n'
import type { PasswordStrength } from '../../core/password-strength'
import { loadStrengthMessages } from '../lib/catalogues'
import { lang, ui } from '../lib/i18n'
import { passwordChecklist, preparePasswordPolicy } from '../lib/validate-password'
import './PasswordGuidance.css'

const SCORE_KEYS: Record<PasswordStrength['score'], MessageKey> = {
  0: 'strength.score.0',
  1: 'strength.score.1',
  2: 'strength.score.2',
  3: 'strength.score.3',
  4: 'strength.score.4',
}

/**
 * The manual's guidance under a new password: the checklist 「8文字以上」「2種類以上の文字を含む」
 * (✓ or — and a word, never colour alone) and the パスワードの安全性 meter. The estimator (zxcvbn)
 * is large, so core/password-strength.ts is imported on the first keystroke only; the policy (with
 * its common-password list) when the member first focuses a field of the form, well before the
 * password is checked (lib/validate-password.ts).
 */
export function PasswordGuidance(props: { id: string; password: string; email?: string }) {
  const checklist = () => passwordChecklist(props.password)
  let root!: HTMLDivElement
  onMount(() => {
    const form = root.closest('form')
    const prepare = () => void preparePasswordPolicy()
    form?.addEventListener('focusin', prepare, { once: true })
    onCleanup(() => form?.removeEventListener('focusin', prepare))
  })
  const [strength, setStrength] = createSignal<PasswordStrength | undefined>()
  let latest = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  onCleanup(() => clearTimeout(timer))

  createEffect(
    on([() => props.password, () => props.email], ([password, email]) => {
      clearTimeout(timer)
      const request = ++latest
      if (!password) {
        setStrength(undefined)
        return
      }
      void preparePasswordPolicy() // typed or filled in without a focus (a password manager)
      timer = setTimeout(async () => {
        try {
          const [{ passwordStrength }] = await Promise.all([
            import('../../core/password-strength'),
            loadStrengthMessages(), // its feedback's words, which isMessageKey and t look up
          ])
          const result = await passwordStrength(password, email ? [email] : [])
          if (request === latest) setStrength(result)
        } catch {
          // The estimator could not load (offline): the checklist still guides.
        }
      }, 200)
    }),
  )

  const scoreText = () => {
    const current = strength()
    if (!props.password || !current) return ui('strengthEmpty')
    return t(lang(), SCORE_KEYS[current.score])
  }
  const feedback = () => {
    const key = strength()?.feedbackKey
    return props.password && key ? t(lang(), key) : undefined
  }

  const Item = (itemProps: { met: boolean; label: string }) => (
    <li classList={{ checklist__item: true, 'checklist__item--met': itemProps.met }}>
      <span class="checklist__icon" aria-hidden="true">
        {itemProps.met ? '✓' : '—'}
      </span>
      <span>
        {itemProps.label}{' '}
        <span class="checklist__state">
          ({itemProps.met ? ui('checklistMet') : ui('checklistUnmet')})
        </span>
      </span>
    </li>
  )

  return (
    <div class="password-guidance" ref={root}>
      <ul class="checklist" aria-label={ui('checklistTitle')}>
        <Item met={checklist().length} label={ui('checklistLength')} />
        <Item met={checklist().kinds} label={ui('checklistKinds')} />
      </ul>
      <div class="strength">
        <label class="strength__label" for={`${props.id}-strength`}>
          {ui('strength')}
        </label>
        <div class="strength__row">
          <meter
            id={`${props.id}-strength`}
            class="strength__meter"
            min={0}
            max={4}
            low={2}
            high={3}
            optimum={4}
            value={props.password && strength() ? strength()!.score : 0}
            aria-valuetext={scoreText()}
            aria-describedby={`${props.id}-strength-text`}
          />
          <span id={`${props.id}-strength-text`} class="strength__text">
            {scoreText()}
          </span>
        </div>
        <Show when={feedback()}>
          <p class="strength__feedback">{feedback()}</p>
        </Show>
      </div>
    </div>
  )
}
