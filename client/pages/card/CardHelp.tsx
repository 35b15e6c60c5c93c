import { createSignal, lazy, Show, Suspense } from 'solid-js'
import { Loading } from '../../components/Status'
import { s } from './strings'

// The drawn papers are fetched when the help is opened (a subfolder: the screen's preloads leave it out).
const CardPictures = lazy(() => import('./help/CardPictures'))

/**
 * 保険証情報とは? (the manual's help link on both input screens): where each item is printed on the
 * 保険証, the 資格確認書 and the 資格情報のお知らせ, with a drawn picture of each, and where マイナポータル
 * shows them; a native disclosure, so it opens in place with the keyboard and is announced as expandable.
 */
export function CardHelp() {
  const [open, setOpen] = createSignal(false)
  return (
    <details
      class="disclosure"
      onToggle={(event) => {
        if (event.currentTarget.open) setOpen(true)
      }}
    >
      <summary class="disclosure__summary">{s('helpSummary')}</summary>
      <div class="disclosure__body">
        <p>{s('helpIntro')}</p>
        <ul class="bullets">
          <li>{s('helpName')}</li>
          <li>{s('helpBirth')}</li>
          <li>{s('helpInsurer')}</li>
          <li>{s('helpSymbol')}</li>
          <li>{s('helpBranch')}</li>
        </ul>
        <p>{s('helpMyna')}</p>
        <p>{s('helpPortal')}</p>
        <Show when={open()}>
          <Suspense fallback={<Loading />}>
            <CardPictures />
          </Suspense>
        </Show>
      </div>
    </details>
  )
}

/** ご不明点がある場合は、よくある質問をご参照ください。 */
export function FaqNote() {
  return (
    <p class="note">
      {s('faqLead')}
      <a href="/faq">{s('faq')}</a>
      {s('faqTail')}
    </p>
  )
}
