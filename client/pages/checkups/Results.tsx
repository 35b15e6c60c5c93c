import { useSearchParams } from '@solidjs/router'
import {
  createMemo,
  createResource,
  createSignal,
  For,
  Match,
  onCleanup,
  onMount,
  Show,
  Switch,
} from 'solid-js'
import { gradeMeaning } from '../../../core/grading'
import type { GradingTable, Sex } from '../../../core/grading-tables'
import { t } from '../../../core/i18n'
import { Page } from '../../components/Page'
import {
  api,
  type ApiError,
  type ApiResult,
  type Checkup,
  type CheckupDetail,
  type CheckupList,
  type CheckupSummary,
  type Grade,
} from '../../lib/api'
import { dateFormat, lang, longDate } from '../../lib/i18n'
import { online } from '../../lib/network'
import { offlineRefusal, readOffline, saveOffline } from '../../lib/offline-store'
import { member } from '../../lib/session'
import type { OnApiError } from './Checkups'
import { GradeBadge } from './GradeBadge'
import {
  codedText,
  formatNumber,
  groupName,
  groupsOf,
  itemName,
  rangeText,
  referenceBand,
  seriesOf,
  tableOf,
  thresholdsOf,
  unitOf,
  type Group,
  type Row,
} from './model'
import { r } from './results-strings'
import { refusalMessage } from './strings'
import { TrendChart } from './TrendChart'
import { Loading, LoadFailed } from '../../components/Status'
import { Notice } from '../../components/Notice'

const GRADES: Grade[] = ['A', 'B', 'C', 'D']
/** Item groups drawn in the first task of a checkup's panel (身体計測, 血圧). */
const FIRST_GROUPS = 2
const ARROWS = { better: '↑', worse: '↓', same: '→' } as const
/** The MHLW thresholds shown under an item's range: 保健指導判定値, then 受診勧奨判定値. */
const THRESHOLDS = ['guidance', 'referral'] as const

/**
 * An answer of the API, kept on the device when it is good; without a network, the copy kept
 * last time (with when it was loaded), or the refusal as it came. Every read here is health data,
 * which the server gives only while the step-up is current, and says when this session passed it
 * (X-Step-Up-At): the copy's 7 days count from then (security.md), not from the read, which may
 * come up to a day later. Without that header, the answer's Date; without either, the device's clock.
 */
async function withOfflineCopy<T>(name: string, fetch: () => Promise<ApiResult<T>>) {
  const accountId = String(member()?.id ?? '')
  const result = await fetch()
  if (result.ok) {
    if (accountId)
      void saveOffline(
        accountId,
        name,
        result.data,
        result.stepUpAt ?? result.serverTime ?? Date.now(),
      )
    return { ok: true as const, data: result.data, savedAt: null }
  }
  if (result.error.code === 'network' && accountId) {
    const copy = await readOffline<T>(name, accountId)
    if (copy) return { ok: true as const, data: copy.data, savedAt: copy.savedAt }
  }
  return { ok: false as const, error: result.error }
}

/** Why no copy can be shown offline: the copy's refusal (clock, 7 days) if it was refused, else `otherwise`. */
function offlineMessage(otherwise: string): string {
  const refused = offlineRefusal()
  return refused ? refusalMessage(refused) : otherwise
}

/** When an offline copy was loaded, in the UI language. */
const loadedAt = (savedAt: number) =>
  dateFormat(lang(), { dateStyle: 'long', timeStyle: 'short' }).format(savedAt)

function OfflineCopyNotice(props: { savedAt: number }) {
  return (
    <Notice kind="info" role="status" sign="⊘" class="offline-copy">
      {r('offlineCopy', { time: loadedAt(props.savedAt) })}
    </Notice>
  )
}

/**
 * 特定健診結果: GET /api/checkups (the list of checkups) once the identity check is done. Checkups
 * newest first as tabs (the chosen one is ?exam=YYYY-MM-DD, so it survives a reload and prints
 * alone); the chosen one is read whole with GET /api/checkups/:examDate (an opened checkup is kept
 * for the page's life, and on the device for offline: offline-store.ts), its items grouped in journey 6's order, one table per group, each with its
 * grade, the change since the previous checkup, the MHLW thresholds and, for C and D, what the
 * grade means.
 */
/** Answers asked for beside the step check (Checkups), before this screen's code had loaded. */
export type Early = {
  list: ReturnType<typeof api.checkups>
  latest?: ReturnType<typeof api.checkup>
}

export default function Results(props: { onApiError: OnApiError; early?: Early }) {
  // Read once: the list is used by the first load, the newest checkup by its tab.
  const early = props.early
  const [data, setData] = createSignal<CheckupList>()
  const [savedAt, setSavedAt] = createSignal<number | null>(null)
  const [failure, setFailure] = createSignal<ApiError>()
  let loaded = false

  const load = async () => {
    setFailure(undefined)
    // The list the step check started (Checkups), the first time; the server otherwise.
    const first = loaded ? undefined : early
    const result = await withOfflineCopy('list', () => first?.list ?? api.checkups())
    loaded = true
    if (result.ok) {
      setSavedAt(result.savedAt)
      setData(result.data)
      return
    }
    if (result.error.code === 'network')
      setFailure({ ...result.error, message: offlineMessage(r('offlineNoCopy')) })
    else if (!props.onApiError(result.error)) setFailure(result.error)
  }
  onMount(load)

  return (
    <Page title={r('title')} class="page--wide">
      <Switch fallback={<Loading />}>
        <Match when={failure()}>
          {(error) => (
            <LoadFailed message={error().message} retryLabel={r('retry')} onRetry={load} />
          )}
        </Match>
        <Match when={data()}>
          {(list) => (
            <ResultsView
              list={list()}
              savedAt={savedAt()}
              onApiError={props.onApiError}
              latest={early?.latest}
            />
          )}
        </Match>
      </Switch>
    </Page>
  )
}

function ResultsView(props: {
  list: CheckupList
  savedAt: number | null
  onApiError: OnApiError
  latest?: ReturnType<typeof api.checkup>
}) {
  // Checkups read whole while this screen is shown, by date: a tab opened again shows at once.
  const opened = new Map<string, { checkups: Checkup[]; savedAt: number | null }>()
  const [params, setParams] = useSearchParams<{ exam?: string }>()
  const checkups = () => props.list.checkups
  const selected = () => {
    const index = checkups().findIndex((checkup) => checkup.examDate === params.exam)
    return index >= 0 ? index : 0
  }
  const select = (index: number) => {
    const checkup = checkups()[index]
    if (checkup)
      setParams(
        { exam: index === 0 ? undefined : checkup.examDate },
        { replace: true, scroll: false },
      )
  }

  return (
    <>
      <Show when={props.savedAt}>{(at) => <OfflineCopyNotice savedAt={at()} />}</Show>
      <p class="greeting break no-print">{r('person', { name: props.list.person.name })}</p>
      <Show
        when={checkups().length > 0}
        fallback={
          <>
            <Notice kind="info">{r('empty')}</Notice>
            <p>
              <a href="/checkups/criteria">{r('criteria')}</a>
            </p>
          </>
        }
      >
        <p class="no-print">{r('intro')}</p>
        <ul class="action-list no-print">
          <li>
            <a href="/checkups/criteria">{r('criteria')}</a>
          </li>
          <li>
            <button type="button" class="link-button" onClick={() => window.print()}>
              {r('print')}
            </button>
          </li>
          <li>
            <Show when={online()} fallback={<NeedsNetwork label={r('fhir')} />}>
              <a href="/api/checkups/fhir" download="" aria-describedby="checkup-fhir-note">
                {r('fhir')}
              </a>
            </Show>
            <span id="checkup-fhir-note" class="note action-list__note">
              {r('fhirNote')}
            </span>
          </li>
          <li>
            <Show when={online()} fallback={<NeedsNetwork label={r('accessLog')} />}>
              <a href="/account/access-log">{r('accessLog')}</a>
            </Show>
          </li>
        </ul>
        <CheckupTabs checkups={checkups()} selected={selected()} onSelect={select} />
        <Show when={checkups()[selected()]} keyed>
          {(summary) => (
            <CheckupLoader
              summary={summary}
              index={checkups().indexOf(summary)}
              sex={props.list.person.sex === 2 ? 2 : 1}
              name={props.list.person.name}
              opened={opened}
              onApiError={props.onApiError}
              latest={checkups().indexOf(summary) === 0 ? props.latest : undefined}
            />
          )}
        </Show>
      </Show>
      <p class="note">{r('disclaimer')}</p>
    </>
  )
}

/** The checkups as tabs, newest first: arrow keys, Home and End move between them (APG tabs). */
function CheckupTabs(props: {
  checkups: CheckupSummary[]
  selected: number
  onSelect: (index: number) => void
}) {
  const keydown = (event: KeyboardEvent, index: number) => {
    const last = props.checkups.length - 1
    const next =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : undefined
    if (next === undefined) return
    event.preventDefault()
    props.onSelect(next)
    document.getElementById(`checkup-tab-${next}`)?.focus()
  }
  return (
    <div class="tabs no-print" role="tablist" aria-label={r('checkupTabs')}>
      <For each={props.checkups}>
        {(checkup, index) => (
          <button
            type="button"
            role="tab"
            id={`checkup-tab-${index()}`}
            class="tabs__tab"
            aria-selected={props.selected === index()}
            aria-controls="checkup-panel"
            tabindex={props.selected === index() ? 0 : -1}
            onClick={() => props.onSelect(index())}
            onKeyDown={(event) => keydown(event, index())}
          >
            <time datetime={checkup.examDate}>{longDate(checkup.examDate, lang())}</time>
            <Show when={index() === 0}>
              <span class="tabs__badge">{r('latest')}</span>
            </Show>
          </button>
        )}
      </For>
    </div>
  )
}

/** The chosen checkup's tab panel: read whole on first opening, with a retry when that fails. */
function CheckupLoader(props: {
  summary: CheckupSummary
  index: number
  sex: Sex
  name: string
  opened: Map<string, { checkups: Checkup[]; savedAt: number | null }>
  onApiError: OnApiError
  /** GET /api/checkups/latest, already asked for, when this is the newest checkup. */
  latest?: ReturnType<typeof api.checkup>
}) {
  const [detail, { refetch }] = createResource(
    () => props.summary.examDate,
    async (examDate) => {
      const cached = props.opened.get(examDate)
      if (cached) return { ok: true as const, ...cached }
      const early = props.latest
      const result = await withOfflineCopy<CheckupDetail>(`checkup:${examDate}`, async () => {
        const answer = early ? await early : undefined
        // The newest, as asked for early, if it is this one (else ask by date).
        return answer?.ok && answer.data.checkups[0]?.examDate === examDate
          ? answer
          : api.checkup(examDate)
      })
      if (!result.ok) {
        // A refusal about the session or the step goes to its screen (Checkups); the rest is shown here.
        if (result.error.code !== 'network' && props.onApiError(result.error)) return undefined
        const error =
          result.error.code === 'network'
            ? { ...result.error, message: offlineMessage(r('offlineNotOpened')) }
            : result.error
        return { ok: false as const, error }
      }
      const entry = { checkups: result.data.checkups, savedAt: result.savedAt }
      // An offline copy is not kept for the page: back online, the tab asks the server again.
      if (result.savedAt === null) props.opened.set(examDate, entry)
      return { ok: true as const, ...entry }
    },
  )
  return (
    <section
      id="checkup-panel"
      class="checkup"
      role="tabpanel"
      aria-labelledby={`checkup-tab-${props.index}`}
      aria-busy={detail.loading}
    >
      <Switch fallback={<Loading />}>
        <Match when={detail.latest?.ok === false && detail.latest}>
          {(failed) => (
            <LoadFailed
              message={failed().ok === false ? failed().error.message : ''}
              retryLabel={r('retry')}
              onRetry={() => void refetch()}
            />
          )}
        </Match>
        <Match when={detail.latest?.ok && detail.latest}>
          {(found) => (
            <>
              <Show when={found().ok && found().savedAt}>
                {(at) => <OfflineCopyNotice savedAt={at()} />}
              </Show>
              <CheckupPanel checkups={found().checkups} sex={props.sex} name={props.name} />
            </>
          )}
        </Match>
      </Switch>
    </section>
  )
}

/** An action that needs the network, shown without its link while offline. */
function NeedsNetwork(props: { label: string }) {
  return (
    <span class="needs-network">
      {props.label}
      <span class="note"> {r('needsNetwork')}</span>
    </span>
  )
}

/** A checkup whole: `checkups[0]`, compared with `checkups[1]` (the one before it). */
function CheckupPanel(props: { checkups: Checkup[]; sex: Sex; name: string }) {
  const checkup = () => props.checkups[0]
  const table = createMemo(() => tableOf(checkup()))
  const groups = createMemo(() => groupsOf(props.checkups, 0))
  // The first groups at once, then one group a task: one long task would hold the page (and its
  // input) for the whole table on a slow phone.
  const [drawn, setDrawn] = createSignal(FIRST_GROUPS)
  onMount(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const drawNext = () => {
      if (drawn() >= groups().length) return
      setDrawn(drawn() + 1)
      timer = setTimeout(drawNext, 0)
    }
    timer = setTimeout(drawNext, 0)
    onCleanup(() => clearTimeout(timer))
  })
  const counts = () => {
    const all = groups().flatMap((group) => group.rows)
    return GRADES.map((grade) => ({
      grade,
      count: all.filter((row) => row.grade === grade).length,
    }))
  }
  return (
    <>
      <p class="print-only">{r('printedFor', { name: props.name })}</p>
      <h2 class="checkup__title">
        {r('checkupHeading', { date: longDate(checkup().examDate, lang()) })}
      </h2>
      <dl class="checkup-meta">
        <div>
          <dt>{r('examDate')}</dt>
          <dd>
            <time datetime={checkup().examDate}>{longDate(checkup().examDate, lang())}</time>
          </dd>
        </div>
        <div>
          <dt>{r('institution')}</dt>
          <dd class="break">{checkup().institution || r('noInstitution')}</dd>
        </div>
        <div>
          <dt>{r('gradedWith')}</dt>
          <dd>{r('gradedWithValue', { date: longDate(table().effectiveFrom, lang()) })}</dd>
        </div>
      </dl>
      <h3 id="checkup-summary">{r('summary')}</h3>
      <ul class="grade-summary" aria-labelledby="checkup-summary">
        <For each={counts()}>
          {(entry) => (
            <li>
              <GradeBadge grade={entry.grade} />
              <span class="grade-summary__count">{r('summaryCount', { count: entry.count })}</span>
            </li>
          )}
        </For>
      </ul>
      <For each={groups().slice(0, drawn())}>
        {(group) => (
          <GroupTable group={group} checkups={props.checkups} sex={props.sex} table={table()} />
        )}
      </For>
    </>
  )
}

function GroupTable(props: { group: Group; checkups: Checkup[]; sex: Sex; table: GradingTable }) {
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
            <col class="results-table__col-item" />
            <col class="results-table__col-result" />
            <col class="results-table__col-range" />
            <col class="results-table__col-grade" />
            <col class="results-table__col-change" />
          </colgroup>
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">
                {r('colItem')}
              </th>
              <th scope="col" role="columnheader">
                {r('colResult')}
              </th>
              <th scope="col" role="columnheader">
                {r('colRange')}
              </th>
              <th scope="col" role="columnheader">
                {r('colGrade')}
              </th>
              <th scope="col" role="columnheader">
                {r('colChange')}
              </th>
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
