import { ButtonLink } from '../../components/Page'
import type { JSX } from 'solid-js'
import { Stepper } from '../../components/Stepper'
import { s } from './strings'

/** The first visit's steps: 1 本人確認の情報送信, 2 秘密の質問設定, 3 秘密の質問設定確認, 4 注意事項. */
export function AccessSteps(props: { current: 1 | 2 | 3 | 4 }) {
  return (
    <Stepper
      label={s('stepsLabel')}
      steps={[s('steps1'), s('steps2'), s('steps3'), s('steps4')]}
      current={props.current}
    />
  )
}

/**
 * A panel that stops the way to the results (a locked code, a missing code, a locked answer):
 * its own heading, what happened and what to do. `alert` when it is the answer to a submit (then
 * the screen moves the focus here); a plain panel when the screen opens on it.
 */
export function StopPanel(props: {
  id: string
  title: string
  alert?: boolean
  ref?: (element: HTMLElement) => void
  children: JSX.Element
}) {
  return (
    <div
      class="notice notice--error outcome"
      role={props.alert ? 'alert' : undefined}
      tabindex="-1"
      aria-labelledby={`${props.id}-title`}
      ref={props.ref}
    >
      <h2 id={`${props.id}-title`} class="outcome__title">
        <span aria-hidden="true">⚠ </span>
        {props.title}
      </h2>
      {props.children}
    </div>
  )
}

/** FAQ Q4: how a lost or locked viewing code is re-issued, with the way to the inquiry form. */
export function ReissueGuide() {
  return (
    <>
      <p>{s('reissueText')}</p>
      <p>{s('reissueWait')}</p>
      <p>
        <ButtonLink href="/inquiry?type=viewing_code">{s('inquiry')}</ButtonLink>
      </p>
    </>
  )
}
