import { createEffect, onMount, type JSX } from 'solid-js'
import { ui } from '../lib/i18n'

let firstPage = true

/**
 * A screen: sets document.title to 「<title> | Kenshin Portal」 and renders its one <h1>. After an
 * in-app navigation the focus moves to the heading, so screen readers announce the new screen
 * (on the first load the browser's own focus handling is left alone).
 */
export function Page(props: {
  title: string
  before?: JSX.Element
  children?: JSX.Element
  /** A modifier, e.g. 'page--wide' for a screen of tables. */
  class?: string
}) {
  let heading!: HTMLHeadingElement
  createEffect(() => {
    document.title = `${props.title}${ui('titleSuffix')}`
  })
  onMount(() => {
    if (firstPage) {
      firstPage = false
      return
    }
    heading.focus({ preventScroll: true })
  })
  return (
    <article class={props.class ? `page ${props.class}` : 'page'}>
      {props.before}
      <h1 class="page__title" tabindex="-1" ref={heading}>
        {props.title}
      </h1>
      {props.children}
    </article>
  )
}

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
