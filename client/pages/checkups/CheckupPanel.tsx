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
import type { Sex } from '../../../core/grading-tables'
import { LoadFailed, Loading } from '../../components/Status'
import { api, type Checkup, type CheckupDetail, type CheckupSummary } from '../../lib/api'
import { lang, longDate } from '../../lib/i18n'
import type { OnApiError } from './Checkups'
import { GradeBadge, GRADES } from './GradeBadge'
import { groupsOf, tableOf } from './model'
import { OfflineCopyNotice, offlineMessage, withOfflineCopy } from './OfflineCopy'
import { r } from './results-strings'
import { GroupTable } from './ResultsTable'

/** Item groups drawn in the first task of a checkup's panel (身体計測, 血圧). */
const FIRST_GROUPS = 2

/** The chosen checkup's tab panel: read whole on first opening, with a retry when that fails. */
export function CheckupLoader(props: {
  summary: CheckupSummary
  index: number
  sex: Sex
  name: string
  opened: Map<string, { checkups: Checkup[]; savedAt: number | null }>
  onApiError: OnApiError
  /** The checkup the URL named (or the newest), already asked for: used when it is this one. */
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
