import type { JSX } from 'solid-js'

/** A link that reads as a button: where a journey goes next (ログイン画面へ, 保険証を登録する). */
export function ButtonLink(props: {
  href: string
  kind?: 'primary' | 'secondary'
  class?: string
  children: JSX.Element
}) {
  return (
    <a
      class={`button button--${props.kind ?? 'primary'}${props.class ? ` ${props.class}` : ''}`}
      href={props.href}
    >
      {props.children}
    </a>
  )
}
