import { For } from 'solid-js'
import { ui } from '../lib/i18n'
import './Stepper.css'

/**
 * The registration steps, as in the manual's STEP headers. The current step has
 * aria-current="step"; finished steps show ✓ and say "完了" in words.
 */
export function Stepper(props: { steps: string[]; current: number; label?: string }) {
  return (
    <ol class="stepper" aria-label={props.label ?? ui('steps')}>
      <For each={props.steps}>
        {(label, index) => {
          const n = () => index() + 1
          const done = () => n() < props.current
          const current = () => n() === props.current
          return (
            <li
              class="stepper__step"
              classList={{ 'stepper__step--done': done(), 'stepper__step--current': current() }}
              aria-current={current() ? 'step' : undefined}
            >
              <span class="stepper__marker" aria-hidden="true">
                {done() ? '✓' : n()}
              </span>
              <span class="stepper__text">
                <span class="stepper__number">{ui('stepLabel', { n: n() })}</span>
                <span class="stepper__label">{label}</span>
                <span class="visually-hidden">
                  {done() ? ui('stepDone') : current() ? ui('stepCurrent') : ''}
                </span>
              </span>
            </li>
          )
        }}
      </For>
    </ol>
  )
}
