import { s } from './strings'

/**
 * 保険証情報とは? (the manual's help link on both input screens): where each item is on the card,
 * as a native disclosure, so it opens in place with the keyboard and is announced as expandable.
 */
export function CardHelp() {
  return (
    <details class="disclosure">
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
