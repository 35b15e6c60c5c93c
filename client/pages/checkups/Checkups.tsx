import { createSignal, lazy, Match, onMount, Show, Switch } from 'solid-js'
import { ButtonLink, Page } from '../../components/Page'
import { RequireMember } from '../../components/RequireMember'
import { api, type ApiError, type CheckupAccess, type CheckupAccessState } from '../../lib/api'
import { online } from '../../lib/network'
import { offlineRefusal, type OfflineRefusal } from '../../lib/offline-store'
import { logoutPending, member, refreshMember, setMember } from '../../lib/session'
import type { Early } from './Results'
import { createSetupForm } from './answer'
import { HealthLocked, QuestionStep } from './QuestionStep'
import { refusalMessage, s } from './strings'
import { dateInPath } from './dates'
import { Loading, LoadFailed } from '../../components/Status'
import { Notice } from '../../components/Notice'

// The results carry the catalogue, the grading table and the chart: a chunk of their own, fetched
// beside the step check (load).
const loadResults = () => import('./Results')
const Results = lazy(loadResults)

// The first visit's steps (STEP1 code, STEP2–3 question, STEP4 notice) are fetched when one is due:
// most visits go straight to each session's question or to the results, so neither the screen's
// chunk nor its preloads carry them (vite.config.ts preloads only its own folder's lazy chunks).
const CodeStep = lazy(() => import('./first-visit/CodeStep').then((m) => ({ default: m.CodeStep })))
const CodeLocked = lazy(() =>
  import('./first-visit/CodeStep').then((m) => ({ default: m.CodeLocked })),
)
const SetupStep = lazy(() =>
  import('./first-visit/SetupStep').then((m) => ({ default: m.SetupStep })),
)
const ConfirmStep = lazy(() =>
  import('./first-visit/SetupStep').then((m) => ({ default: m.ConfirmStep })),
)
const NoticeStep = lazy(() =>
  import('./first-visit/NoticeStep').then((m) => ({ default: m.NoticeStep })),
)
/** The states whose screens are the first visit's: all three files are fetched together, before the first shows. */
const FIRST_VISIT: ReadonlySet<CheckupAccessState> = new Set([
  'code',
  'code_locked',
  'question_setup',
  'notice',
])
const preloadFirstVisit = () =>
  Promise.all([CodeStep.preload(), SetupStep.preload(), NoticeStep.preload()]).catch(
    () => undefined,
  )

/**
 * /checkups — 特定健診結果. GET /api/checkups/access decides the screen: STEP1 健診閲覧コード, STEP2–3
 * 秘密の質問設定, STEP4 注意事項, later visits' 秘密の質問, the two lock panels, or the results. Each
 * screen is its own Page, so moving on puts the focus on the new heading.
 */
export default function Checkups() {
  // A cold start (the member still being asked for) asks for the step and the results at once
  // rather than after GET /api/me: a round trip less before the results on a slow phone. For no
  // member they answer 401 and are dropped; never while a log-out made offline is still to reach
  // the server (that session must not read anything).
  const early = member.loading && online() && !logoutPending() ? startReads() : undefined
  // Without a network, a copy refused (clock, 7 days) leaves no member: say why rather than go to
  // the log-in screen without a word. (member() is read only once it is known: no Suspense.)
  const refused = () => (!member.loading && !member() ? offlineRefusal() : undefined)
  return (
    <Show
      when={refused()}
      fallback={
        <RequireMember>
          {(current) => (
            <Show when={current.linked} fallback={<NotLinked />}>
              <Access early={early} />
            </Show>
          )}
        </RequireMember>
      }
    >
      {(reason) => <OfflineRefused reason={reason()} />}
    </Show>
  )
}

/** The offline copy was refused and deleted: why, and the way back (online, a new log-in). */
function OfflineRefused(props: { reason: OfflineRefusal }) {
  return (
    <Page title={s('offlineRefusedTitle')}>
      <Notice kind="warning" role="alert">
        {refusalMessage(props.reason)}
      </Notice>
      <div class="button-row">
        <ButtonLink href="/login">{s('offlineToLogin')}</ButtonLink>
      </div>
    </Page>
  )
}

type Reads = { access: ReturnType<typeof api.checkupAccess>; early: Early | undefined }

/**
 * The step check and, beside it, the results' code, their list and the newest checkup: most visits
 * end on the results. When the step is not done, the reads are refused (403): nothing is read and no
 * audit row is written.
 */
function startReads(): Reads {
  void loadResults()
  // The checkup the URL names (/checkups/2026-06-10), else the newest: asked for by date at once.
  const date = dateInPath(location.pathname)
  const early: Early | undefined = online()
    ? { list: api.checkups(), latest: api.checkup(date ?? 'latest') }
    : undefined
  return { access: api.checkupAccess(), early }
}

function NotLinked() {
  return (
    <Page title={s('title')}>
      <Notice kind="info">{s('notLinked')}</Notice>
      <div class="button-row">
        <ButtonLink href="/card">{s('registerCard')}</ButtonLink>
        <ButtonLink href="/home" kind="secondary">
          {s('toHome')}
        </ButtonLink>
      </div>
    </Page>
  )
}

type View = CheckupAccessState | 'confirm'

/** Handles an answer that is about the session or the step rather than the form; true if it did. */
export type OnApiError = (error: ApiError) => boolean

function Access(props: { early?: Reads }) {
  const [access, setAccess] = createSignal<CheckupAccess>()
  const [failure, setFailure] = createSignal<ApiError>()
  const [view, setView] = createSignal<View>()
  const [codeJustSent, setCodeJustSent] = createSignal(false)
  // STEP2's values, kept while the member goes to STEP3 and back (and while the screen is redrawn).
  const setupForm = createSetupForm()
  const [setupRefusal, setSetupRefusal] = createSignal<ApiError>()
  let request = 0
  // GET /api/checkups (and the newest checkup) started with the step (see load), used once by the
  // results screen.
  let earlyList: Early | undefined
  const setEarlyList = (list: typeof earlyList) => (earlyList = list)
  const takeEarlyList = () => {
    const list = earlyList
    earlyList = undefined
    return list
  }

  // The reads the page started on a cold start serve the first load only.
  let started = props.early
  const load = async () => {
    const reads = started ?? startReads()
    started = undefined
    const mine = ++request
    setFailure(undefined)
    setView(undefined)
    setEarlyList(reads.early)
    const result = await reads.access
    if (mine !== request) return
    if (result.ok) {
      // The step's screen is drawn once its code is here (no loading flash between the steps).
      if (FIRST_VISIT.has(result.data.state)) await preloadFirstVisit()
      if (mine !== request) return
      setAccess(result.data)
      setView(result.data.state)
      return
    }
    // Without a network the step cannot be checked: the results screen shows what this device
    // keeps of them (issue 5), if anything; the step is checked again at the next answer.
    if (result.error.code === 'network') {
      void loadResults()
      setView('ready')
      return
    }
    if (!onApiError(result.error)) setFailure(result.error)
  }

  const onApiError: OnApiError = (error) => {
    if (error.code === 'unauthenticated') {
      setMember(null) // RequireMember leads to the log-in screen
      return true
    }
    if (error.code === 'not_linked') {
      refreshMember()
      return true
    }
    if (error.code === 'wrong_state' || error.code === 'step_up_required') {
      // The server is at another step (another tab, an expired check): ask where we stand.
      void load()
      return true
    }
    return false
  }

  /** The state a POST answered with. */
  const go = (state: CheckupAccessState) => {
    // The early list was asked for before this step was done: refused, of no use now.
    setEarlyList(undefined)
    const current = access()
    if (
      !current ||
      (state === 'question_setup' && current.questions.length === 0) ||
      (state === 'question' && !current.question)
    ) {
      void load()
      return
    }
    if (state !== 'question_setup') setupForm.forget()
    setAccess({ ...current, state })
    setView(state)
  }

  onMount(load)

  return (
    <Switch>
      <Match when={failure()}>
        {(error) => (
          <Page title={s('title')}>
            <LoadFailed message={error().message} retryLabel={s('retry')} onRetry={load} />
          </Page>
        )}
      </Match>
      <Match when={view() === undefined}>
        <Page title={s('title')}>
          <Loading />
        </Page>
      </Match>
      <Match when={view() === 'code'}>
        <CodeStep
          onApiError={onApiError}
          onState={(state) => {
            setCodeJustSent(true)
            go(state)
          }}
        />
      </Match>
      <Match when={view() === 'code_locked'}>
        <CodeLocked />
      </Match>
      <Match when={view() === 'question_setup'}>
        <SetupStep
          questions={access()?.questions ?? []}
          codeJustSent={codeJustSent()}
          refusal={setupRefusal()}
          onRefusalShown={() => setSetupRefusal(undefined)}
          onNext={() => setView('confirm')}
        />
      </Match>
      <Match when={view() === 'confirm'}>
        <ConfirmStep
          questions={access()?.questions ?? []}
          form={setupForm.values()}
          onApiError={onApiError}
          onBack={() => setView('question_setup')}
          onRefused={(error) => {
            setSetupRefusal(error)
            setView('question_setup')
          }}
          onState={go}
        />
      </Match>
      <Match when={view() === 'notice'}>
        <NoticeStep onApiError={onApiError} onState={go} />
      </Match>
      <Match when={view() === 'question'}>
        <QuestionStep question={access()?.question} onApiError={onApiError} onState={go} />
      </Match>
      <Match when={view() === 'locked'}>
        <HealthLocked />
      </Match>
      <Match when={view() === 'ready'}>
        {(() => {
          // Taken here, once: a prop written as a call would be called again at each read of it.
          const early = takeEarlyList()
          return <Results onApiError={onApiError} early={early} />
        })()}
      </Match>
    </Switch>
  )
}
