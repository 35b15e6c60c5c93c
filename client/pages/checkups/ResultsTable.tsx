import { createMemo, createSignal, For, Match, Show, Switch } from 'solid-js'
import { gradeMeaning } from '../../../core/grading'
import type { GradingTable, Sex } from '../../../core/grading-tables'
import { t } from '../../../core/i18n'
import type { Checkup } from '../../lib/api'
import { lang, longDate } from '../../lib/i18n'
import { GradeBadge } from './GradeBadge'
import {
  codedText,
  formatNumber,
  groupName,
  itemName,
  rangeText,
  referenceBand,
  seriesOf,
  thresholdsOf,
  unitOf,
  type Group,
  type Row,
} from './model'
import { r } from './results-strings'
import { TrendChart } from './TrendChart'
import './shared.css'
import './results-table.css'

const ARROWS = { better: '↑', worse: '↓', same: '→' } as const
/** The MHLW thresholds shown under an item's range: 保健指導判定値, then 受診勧奨判定値. */
const THRESHOLDS = ['guidance', 'referral'] as const
/** The columns, the same in every group's table (results-table.css gives their widths). */
const COLUMNS = ['Item', 'Result', 'Range', 'Grade', 'Change'] as const

export function GroupTable(props: {
  group: Group
  checkups: Checkup[]
  sex: Sex
  table: GradingTable
}) {
  const headingId = `checkup-group-${props.group.id}`
  return (
    <section class="checkup-group">
      <h3 id={headingId}>{groupName(props.group.id, lang())}</h3>
      {/*
        On a phone the table stacks (one card per item, each value under its column's name); the
        explicit roles keep it a table for screen readers whose browsers drop the semantics of a
        restyled table.
      */}
      <div class="table-scroll">
        <table class="data-table results-table" role="table" aria-labelledby={headingId}>
          <colgroup>
            <For each={COLUMNS}>
              {(column) => <col class={`results-table__col-${column.toLowerCase()}`} />}
            </For>
          </colgroup>
          <thead role="rowgroup">
            <tr role="row">
              <For each={COLUMNS}>
                {(column) => (
                  <th scope="col" role="columnheader">
                    {r(`col${column}`)}
                  </th>
                )}
              </For>
            </tr>
          </thead>
          <For each={props.group.rows}>
            {(row, index) => (
              <ResultRows
                row={row}
                id={`${props.group.id}-${index()}`}
                checkups={props.checkups}
                sex={props.sex}
                table={props.table}
              />
            )}
          </For>
        </table>
      </div>
    </section>
  )
}

/** A dash that says its words to screen readers. */
function Dash(props: { words: string }) {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span class="visually-hidden">{props.words}</span>
    </>
  )
}

/** One item: its row, what a C or D means, and its trend chart (opened by 推移を見る). */
function ResultRows(props: {
  row: Row
  id: string
  checkups: Checkup[]
  sex: Sex
  table: GradingTable
}) {
  const [open, setOpen] = createSignal(false)
  const row = props.row
  const nameId = `result-${props.id}-name`
  const trendId = `result-${props.id}-trend`
  const name = () => itemName(row, lang(), (code) => r('unknownItem', { code }))
  const unit = unitOf(row)
  const series = createMemo(() =>
    row.known && row.item.kind === 'number' ? seriesOf(props.checkups, row.key) : [],
  )
  const thresholds = createMemo(() => thresholdsOf(row, props.sex, props.table))
  const meaning = () =>
    row.known ? gradeMeaning(row.item.id, row.grade, lang(), props.table) : null
  const range = rangeText(row)

  return (
    <tbody class="results-table__item" role="rowgroup">
      <tr role="row">
        <th scope="row" role="rowheader" id={nameId} class="results-table__name">
          {name()}
        </th>
        <td role="cell" class="results-table__value" data-label={r('colResult')}>
          <ResultValue row={row} unit={unit} />
          <Show when={series().length >= 2}>
            <button
              type="button"
              class="link-button results-table__trend-button no-print"
              aria-expanded={open()}
              aria-controls={trendId}
              aria-describedby={nameId}
              onClick={() => setOpen(!open())}
            >
              {r('showTrend')}
            </button>
          </Show>
        </td>
        <td role="cell" data-label={r('colRange')}>
          <Show when={range} fallback={<Dash words={r('none')} />}>
            {range}
            <Show when={unit && row.item.kind === 'number'}> {unit}</Show>
          </Show>
          <Show when={thresholds()}>
            {(found) => (
              <ul class="thresholds">
                <For each={THRESHOLDS}>
                  {(kind) => (
                    <li>
                      {t(lang(), `grade.mhlw.${kind}`)} {found()[kind].text}
                      <Show when={found()[kind].met}>
                        <strong class="thresholds__met">
                          {' '}
                          <span aria-hidden="true">●</span>
                          {r('reached')}
                        </strong>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            )}
          </Show>
        </td>
        <td role="cell" data-label={r('colGrade')}>
          <GradeBadge grade={row.grade} />
          <Show when={row.result.verify}>
            <p class="note results-table__verify">※{t(lang(), 'grade.verify')}</p>
          </Show>
        </td>
        <td role="cell" data-label={r('colChange')}>
          <Show
            when={row.change}
            fallback={<Dash words={row.previous ? r('none') : r('noPrevious')} />}
          >
            {(change) => (
              <>
                <span class={`change change--${change()}`}>
                  {t(lang(), `grade.change.${change()}`)}{' '}
                  <span aria-hidden="true">{ARROWS[change()]}</span>
                </span>
                <span class="note change__previous">
                  {' '}
                  ({r('previous', { grade: row.previous?.grade ?? '' })})
                </span>
              </>
            )}
          </Show>
        </td>
      </tr>
      <Show when={meaning()}>
        {(text) => (
          <tr class="results-table__meaning" role="row">
            <td role="cell" colspan="5">
              <span aria-hidden="true">ℹ </span>
              <span class="visually-hidden">{r('meaningFor', { item: name() })}</span>
              {text()}
            </td>
          </tr>
        )}
      </Show>
      <Show when={series().length >= 2}>
        <tr class="results-table__trend no-print" role="row" id={trendId} hidden={!open()}>
          <td role="cell" colspan="5">
            <Show when={open()}>
              <TrendChart
                id={trendId}
                name={name()}
                unit={unit}
                points={series().map((point) => ({
                  date: point.date,
                  dateText: longDate(point.date, lang()),
                  value: point.value,
                  valueText: formatNumber(row.item, point.result),
                  grade: point.grade,
                }))}
                band={referenceBand(row.item.id, props.sex, props.table)}
                bandText={range}
              />
            </Show>
          </td>
        </tr>
      </Show>
    </tbody>
  )
}

/** 結果: the value with its unit, 未実施 / 測定不能, an answer's label, or a text. */
function ResultValue(props: { row: Row; unit: string }) {
  const result = props.row.result
  return (
    <Switch fallback={<span class="break">{codedText(props.row, lang())}</span>}>
      <Match when={result.type === 'not_performed'}>{r('notPerformed')}</Match>
      <Match when={result.type === 'not_measurable'}>{r('notMeasurable')}</Match>
      <Match when={result.type === 'PQ'}>
        <span class="result-value">
          {result.bound === 'below' ? '<' : result.bound === 'above' ? '>' : ''}
          {formatNumber(props.row.item, result)}
          <Show when={props.unit}> {props.unit}</Show>
        </span>
        <Show when={result.bound}>
          {(bound) => <span class="result-value__bound"> ({r(bound())})</span>}
        </Show>
      </Match>
    </Switch>
  )
}
