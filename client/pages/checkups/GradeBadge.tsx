import { For, Show } from 'solid-js'
import { t } from '../../../core/i18n'
import type { Grade } from '../../lib/api'
import { lang } from '../../lib/i18n'
import './grade.css'

/** The grades, best first. */
export const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D']

/** A shape per grade, so a grade reads without colour (and in black-and-white print). */
const ICONS: Record<Grade, string> = { A: '○', B: '△', C: '▲', D: '■' }

/**
 * A grade as the letter AND its words (「C 要経過観察・生活改善」) with a shape, never colour alone;
 * the colour and the border style (none, dashed, solid, double) only add to them. No grade reads
 * 「判定なし」 to screen readers and shows a dash.
 */
export function GradeBadge(props: { grade: Grade | null | undefined }) {
  return (
    <Show
      when={props.grade}
      fallback={
        <span class="grade grade--none">
          <span aria-hidden="true">—</span>
          <span class="visually-hidden">{t(lang(), 'grade.none')}</span>
        </span>
      }
    >
      {(grade) => (
        <span class={`grade grade--${grade()}`}>
          <span class="grade__icon" aria-hidden="true">
            {ICONS[grade()]}
          </span>
          <span class="grade__letter">{grade()}</span>{' '}
          <span class="grade__word">{t(lang(), `grade.${grade()}`)}</span>
        </span>
      )}
    </Show>
  )
}

/** Every grade's badge in a row: the key to the letters, shapes and words the tables use. */
export function GradeLegend() {
  return (
    <ul class="grade-legend">
      <For each={GRADES}>
        {(grade) => (
          <li>
            <GradeBadge grade={grade} />
          </li>
        )}
      </For>
    </ul>
  )
}
