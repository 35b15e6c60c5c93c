import { useNavigate, useParams, useSearchParams } from '@solidjs/router'
import { createSignal, Match, onMount, Show, Switch } from 'solid-js'
import { Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { LoadFailed, Loading } from '../../components/Status'
import { api, type ApiError, type Checkup, type CheckupList } from '../../lib/api'
import { lang, longDate } from '../../lib/i18n'
import { online } from '../../lib/network'
import type { OnApiError } from './Checkups'
// Before its parts, whose stylesheets adjust some of its rules (results.css).
import './results.css'
import { CheckupLoader } from './CheckupPanel'
import { CheckupTabs } from './CheckupTabs'
import { OfflineCopyNotice, offlineMessage, withOfflineCopy } from './OfflineCopy'
import { r } from './results-strings'
import { checkupPath, isCalendarDate } from './dates'

/**
 * 特定健診結果: GET /api/checkups (the list of checkups) once the identity check is done. Checkups
 * newest first as tabs; each has its own URL (/checkups/2026-06-10, /checkups the newest: a tab is
 * a history entry, so Back and Forward move between dates, a reload or a notice's link opens that
 * date, and the print shows it alone); the chosen one is read whole with GET /api/checkups/:examDate (an opened checkup is kept
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
  const params = useParams<{ date?: string }>()
  const [query] = useSearchParams<{ exam?: string }>()
  const navigate = useNavigate()
  const checkups = () => props.list.checkups
  // The date the URL names: /checkups/<date>, or the earlier ?exam=<date> (kept for old bookmarks).
  const wanted = () => params.date ?? query.exam
  const found = () => checkups().findIndex((checkup) => checkup.examDate === wanted())
  const selected = () => Math.max(found(), 0)
  /** A date in the URL that is none of the member's checkups: said once above the newest. */
  const unknown = () =>
    wanted() !== undefined && found() < 0 && checkups().length > 0 ? wanted() : undefined
  // An old ?exam= link is moved to the checkup's own URL (replacing it: Back skips it).
  if (params.date === undefined && query.exam && found() >= 0)
    navigate(checkupPath(query.exam), { replace: true, scroll: false })
  const select = (index: number) => {
    const checkup = checkups()[index]
    if (!checkup || (index === selected() && wanted() !== undefined)) return
    // A history entry per date: Back returns to the date shown before.
    navigate(checkupPath(checkup.examDate), { scroll: false })
  }

  return (
    <>
      <Show when={props.savedAt}>{(at) => <OfflineCopyNotice savedAt={at()} />}</Show>
      <p class="greeting break no-print">{r('person', { name: props.list.person.name ?? '' })}</p>
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
        <Show when={unknown()}>
          {(date) => (
            <Notice kind="warning" role="status">
              {r('unknownDate', {
                date: isCalendarDate(date()) ? longDate(date(), lang()) : date(),
                latest: longDate(checkups()[0].examDate, lang()),
              })}
            </Notice>
          )}
        </Show>
        <CheckupTabs checkups={checkups()} selected={selected()} onSelect={select} />
        <Show when={checkups()[selected()]} keyed>
          {(summary) => (
            <CheckupLoader
              summary={summary}
              index={checkups().indexOf(summary)}
              sex={props.list.person.sex === 2 ? 2 : 1}
              name={props.list.person.name ?? ''}
              opened={opened}
              onApiError={props.onApiError}
              latest={props.latest}
            />
          )}
        </Show>
      </Show>
      <p class="note">{r('disclaimer')}</p>
    </>
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
