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
