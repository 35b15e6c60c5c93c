import { For, Match, Switch, type JSX } from 'solid-js'
import { Page } from '../../components/Page'
import { lang, type Lang } from '../../lib/i18n'

/** A run of text, or a link inside the app. */
export type Inline = string | { href: string; text: string }
export type Text = string | Inline[]
export type Block = { p: Text } | { list: Text[] } | { sub: string; blocks: Block[] }
export type Doc = {
  title: string
  updated: string
  intro?: Block[]
  sections: { heading: string; blocks: Block[] }[]
}

function renderText(text: Text): JSX.Element {
  if (typeof text === 'string') return text
  return (
    <For each={text}>
      {(part) => (typeof part === 'string' ? part : <a href={part.href}>{part.text}</a>)}
    </For>
  )
}

function Blocks(props: { blocks: Block[] }) {
  return (
    <For each={props.blocks}>
      {(block) => (
        <Switch>
          <Match when={'p' in block && block}>{(b) => <p>{renderText(b().p)}</p>}</Match>
          <Match when={'list' in block && block}>
            {(b) => (
              <ul class="bullets">
                <For each={b().list}>{(item) => <li>{renderText(item)}</li>}</For>
              </ul>
            )}
          </Match>
          <Match when={'sub' in block && block}>
            {(b) => (
              <section class="doc__sub">
                <h3>{b().sub}</h3>
                <Blocks blocks={b().blocks} />
              </section>
            )}
          </Match>
        </Switch>
      )}
    </For>
  )
}

/** A text page (会員規約, プライバシーポリシー, メディアポリシー, よくある質問) in the UI language. */
export function DocPage(props: { docs: Record<Lang, Doc> }) {
  const doc = () => props.docs[lang()]
  return (
    <Page title={doc().title}>
      <div class="doc">
        <p class="muted">{doc().updated}</p>
        <Blocks blocks={doc().intro ?? []} />
        <For each={doc().sections}>
          {(section) => (
            <section class="doc__section">
              <h2>{section.heading}</h2>
              <Blocks blocks={section.blocks} />
            </section>
          )}
        </For>
      </div>
    </Page>
  )
}
