import { createEffect, createSignal, on, onCleanup, Show } from 'solid-js'
import { t, type MessageKey } from '../../core/i18n'
import { passwordChecklist } from '../../core/password'
import type { PasswordStrength } from '../../core/password-strength'
import { lang, ui } from '../lib/i18n'

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
 * is large, so core/password-strength.ts is imported on the first keystroke only.
 */
export function PasswordGuidance(props: { id: string; password: string; email?: string }) {
  const checklist = () => passwordChecklist(props.password)
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
      timer = setTimeout(async () => {
        try {
          const { passwordStrength } = await import('../../core/password-strength')
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
    <li classList={{ 'checklist__item': true, 'checklist__item--met': itemProps.met }}>
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
    <div class="password-guidance">
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
