import {
  createResource,
  createSignal,
  For,
  onCleanup,
  Show,
  type Accessor,
  type JSX,
} from 'solid-js'
import { CODES_PER_REQUEST } from '../../../../core/viewing-codes'
import { Field } from '../../../components/Field'
import { Notice } from '../../../components/Notice'
import { Page } from '../../../components/Page'
import { StatusLine } from '../../../components/Status'
import { staffApi, type StaffAnswer } from '../api'
import { useScreenId } from '../StaffConsole'
import { count, dataOf, InsurerLine, Loaded, whenIso } from '../data/parts'
import {
  canWriteDirect,
  checkSaved,
  memoryPrintFile,
  pickPrintFile,
  printFileName,
  type PrintFile,
  type Produced,
} from './print-file'
import { s } from './strings'
import '../data/data.css'
import './codes.css'

type Status = StaffAnswer<'/api/ops/insurers/:number/codes/status', '$get'>
type Run = StaffAnswer<'/api/ops/insurers/:number/codes/runs', '$get'>['runs'][number]
type Kind = 'issue' | 'reissue'
type Message = { kind: 'success' | 'warning' | 'error'; text: string }
/** A run whose file was downloaded and waits for the operator's saved copy. */
type Waiting = { runId: string; produced: Produced; url: string }
/** A run written straight to the disk whose confirm did not get through: it may be sent again. */
type Unconfirmed = { runId: string; name: string; rows: number }

/**
 * 健診閲覧コード (/staff/insurers/:number/codes): the status in words and numbers, issuing in two steps (the
 * print file first, then its confirmation), the re-issue queue and the runs. The plain codes go from the
 * API's answers into the print file only (./print-file.ts); nothing on screen shows one.
 */
export default function Codes() {
  const number = useScreenId()
  const param = () => ({ number: number() })
  const [status, { refetch: refetchStatus }] = createResource(number, async (n) =>
    dataOf(
      await staffApi('$get', '/api/ops/insurers/:number/codes/status', { param: { number: n } }),
    ),
  )
  const reload = () => {
    void refetchStatus()
    setQueueTick((t) => t + 1)
    setRunsTick((t) => t + 1)
  }
  const [queueTick, setQueueTick] = createSignal(0)
  const [runsTick, setRunsTick] = createSignal(0)

  const [phase, setPhase] = createSignal<
    'idle' | 'issuing' | 'save' | 'checking' | 'unconfirmed' | 'confirming'
  >('idle')
  const [written, setWritten] = createSignal(0)
  const [message, setMessage] = createSignal<Message | null>(null)
  const [waiting, setWaiting] = createSignal<Waiting | null>(null)
  const [unconfirmed, setUnconfirmed] = createSignal<Unconfirmed | null>(null)
  const [currentRun, setCurrentRun] = createSignal<string | null>(null)
  const [saved, setSaved] = createSignal<File | null>(null)
  const [savedError, setSavedError] = createSignal<string | undefined>()

  // Leaving while codes are being issued or wait for their file would leave them unprinted.
  const guard = (event: BeforeUnloadEvent) => {
    if (phase() !== 'idle') event.preventDefault()
  }
  window.addEventListener('beforeunload', guard)
  onCleanup(() => {
    window.removeEventListener('beforeunload', guard)
    const w = waiting()
    if (w) URL.revokeObjectURL(w.url)
  })

  const download = (w: Waiting) => {
    const link = document.createElement('a')
    link.href = w.url
    link.download = w.produced.name
    link.click()
  }

  const revoke = async (runId: string) =>
    staffApi('$post', '/api/ops/insurers/:number/codes/runs/:id/revoke', {
      param: { ...param(), id: runId },
      json: {},
    })

  /**
   * Confirms the run with the rows its file holds. The server confirms only when the run holds exactly
   * that many codes: a code of a request that failed part-way is in no file, so the counts differ, and
   * the run is revoked (its people go back to the re-issue queue).
   */
  const confirm = async (runId: string, name: string, rows: number) => {
    const result = await staffApi('$post', '/api/ops/insurers/:number/codes/runs/:id/confirm', {
      param: { ...param(), id: runId },
      json: { codes: rows },
    })
    if (result.ok) {
      setMessage({ kind: 'success', text: s('confirmed', { n: result.data.confirmed, name }) })
      return 'done'
    }
    if (result.error.code === 'wrong_state') {
      const state = (result.error as { detail?: { state?: unknown } }).detail?.state
      if (state === 'count_mismatch') {
        await revoke(runId)
        setMessage({ kind: 'error', text: s('countMismatch') })
      } else setMessage({ kind: 'error', text: s('runClosed') })
      return 'void'
    }
    setMessage({ kind: 'error', text: s('failed', { message: result.error.message }) })
    return 'retry'
  }

  /**
   * The codes the server holds for the run, to compare with the rows written (a lost answer) before the
   * file is saved: an early message only, as the confirm itself checks the count.
   */
  const serverCount = async (runId: string): Promise<number | null> => {
    const result = await staffApi('$get', '/api/ops/insurers/:number/codes/runs', {
      param: param(),
      query: {},
    })
    if (!result.ok) return null
    return result.data.runs.find((r) => r.id === runId)?.issued ?? null
  }

  /** One request's persons: the next 50 without a code, or the first 50 of the re-issue queue. */
  const nextBatch = async (
    kind: Kind,
    runId: string,
  ): Promise<
    | { ok: true; body: { runId: string; limit?: number; personKeys?: string[] } | null }
    | { ok: false; message: string }
  > => {
    if (kind === 'issue') return { ok: true, body: { runId, limit: CODES_PER_REQUEST } }
    const queue = await staffApi('$get', '/api/ops/insurers/:number/codes/queue', {
      param: param(),
      query: {},
    })
    if (!queue.ok) return { ok: false, message: queue.error.message }
    const keys = queue.data.persons.map((p) => p.personKey)
    return { ok: true, body: keys.length ? { runId, personKeys: keys } : null }
  }

  const issue = async (kind: Kind) => {
    if (phase() !== 'idle') return
    setMessage(null)
    setSaved(null)
    setSavedError(undefined)
    const name = printFileName(number(), Date.now())
    let file: PrintFile
    if (canWriteDirect()) {
      try {
        file = await pickPrintFile(number(), name, s('fileType'))
      } catch (err) {
        if ((err as Error)?.name === 'AbortError') return // the operator closed the save dialog
        file = memoryPrintFile(number(), name)
      }
    } else file = memoryPrintFile(number(), name)

    setPhase('issuing')
    setWritten(0)
    const started = await staffApi('$post', '/api/ops/insurers/:number/codes/runs', {
      param: param(),
      json: { kind },
    })
    if (!started.ok) {
      await file.abort()
      setPhase('idle')
      setMessage({ kind: 'error', text: s('failed', { message: started.error.message }) })
      return
    }
    const runId = started.data.run.id
    setCurrentRun(runId)
    let stopped: string | null = null
    for (;;) {
      const batch = await nextBatch(kind, runId)
      if (!batch.ok) {
        stopped = batch.message
        break
      }
      if (!batch.body) break
      const answer = await staffApi('$post', '/api/ops/insurers/:number/codes/issue', {
        param: param(),
        json: batch.body,
      })
      if (!answer.ok) {
        stopped = answer.error.message
        break
      }
      if (answer.data.issued.length === 0) break
      try {
        await file.write(answer.data.issued)
      } catch {
        await file.abort()
        await revoke(runId)
        return finish({ kind: 'error', text: s('writeFailed') })
      }
      setWritten(file.rows)
    }

    // Every code the server made for this run must be in the file: a lost answer voids the run.
    const held = await serverCount(runId)
    if (held !== file.rows) {
      await file.abort()
      await revoke(runId)
      // Not known (the list did not answer) is treated as lost: a code never written must not be confirmed.
      return finish({ kind: 'error', text: s('lost') })
    }
    if (file.rows === 0) {
      await file.abort()
      await revoke(runId)
      return finish(
        stopped
          ? { kind: 'error', text: s('failed', { message: stopped }) }
          : { kind: 'warning', text: s('nobody') },
      )
    }
    const note: Message | null = stopped
      ? { kind: 'warning', text: s('stopped', { message: stopped, n: file.rows }) }
      : null
    let produced: Produced | null
    try {
      produced = await file.finish()
    } catch {
      await file.abort()
      await revoke(runId)
      return finish({ kind: 'error', text: s('writeFailed') })
    }
    if (!produced) {
      // Written straight to the disk and closed: saved, so the codes are confirmed at once.
      const result = await confirm(runId, file.name, file.rows)
      if (note) setMessage((m) => (m ? { ...m, text: `${note.text} ${m.text}` } : note))
      if (result === 'retry') {
        // The confirm did not get through: the file is whole, so it may be sent again.
        setUnconfirmed({ runId, name: file.name, rows: file.rows })
        setPhase('unconfirmed')
        return reload()
      }
      return finish(null)
    }
    const w = { runId, produced, url: URL.createObjectURL(produced.blob) }
    setWaiting(w)
    setPhase('save')
    if (note) setMessage(note)
    download(w)
    reload()
  }

  const finish = (m: Message | null) => {
    if (m) setMessage(m)
    setCurrentRun(null)
    setPhase('idle')
    reload()
  }

  const endWaiting = () => {
    const w = waiting()
    if (w) URL.revokeObjectURL(w.url)
    setWaiting(null)
    setSaved(null)
  }

  const checkFile = async (event: SubmitEvent) => {
    event.preventDefault()
    const w = waiting()
    if (!w || phase() !== 'save') return
    const file = saved()
    if (!file) return setSavedError(s('pickFile'))
    setPhase('checking')
    const verdict = await checkSaved(file, w.produced)
    if (verdict !== 'same') {
      setPhase('save')
      setSavedError(
        s(
          verdict === 'rows'
            ? 'notSameRows'
            : verdict === 'changed'
              ? 'notSameChanged'
              : 'notPrintFile',
        ),
      )
      return
    }
    setSavedError(undefined)
    const result = await confirm(w.runId, w.produced.name, w.produced.rows)
    // A lost answer keeps the file waiting (try again); confirmed or void, the run is over.
    if (result === 'retry') return setPhase('save')
    endWaiting()
    finish(null)
  }

  /** The direct-written file's confirm again, with the same count. */
  const confirmAgain = async () => {
    const u = unconfirmed()
    if (!u || phase() !== 'unconfirmed') return
    setPhase('confirming')
    const result = await confirm(u.runId, u.name, u.rows)
    if (result === 'retry') return setPhase('unconfirmed')
    setUnconfirmed(null)
    finish(null)
  }

  /** The direct-written file given up: its run is revoked (the file must not be printed). */
  const discardUnconfirmed = async () => {
    const u = unconfirmed()
    if (!u || phase() !== 'unconfirmed') return
    setPhase('confirming')
    const result = await revoke(u.runId)
    if (result.ok)
      setMessage({ kind: 'success', text: s('discardedDirect', { n: result.data.revoked }) })
    else if (result.error.code === 'wrong_state')
      setMessage({ kind: 'error', text: result.error.message })
    else {
      setMessage({ kind: 'error', text: s('failed', { message: result.error.message }) })
      return setPhase('unconfirmed')
    }
    setUnconfirmed(null)
    finish(null)
  }

  const discard = async () => {
    const w = waiting()
    if (!w || phase() !== 'save') return
    setPhase('checking')
    const result = await revoke(w.runId)
    if (result.ok) {
      setMessage({ kind: 'success', text: s('discarded', { n: result.data.revoked }) })
      endWaiting()
    } else if (result.error.code === 'wrong_state') {
      setMessage({ kind: 'error', text: result.error.message })
      endWaiting()
    } else {
      setMessage({ kind: 'error', text: s('failed', { message: result.error.message }) })
      setPhase('save')
      return
    }
    finish(null)
  }

  return (
    <Page title={s('title')} class="page--wide">
      <InsurerLine number={number()} />
      <Loaded data={status} onRetry={refetchStatus}>
        {(st) => (
          <>
            <p>{s('lead')}</p>
            <StatusTable status={st} />
            <Show when={message()}>
              {(m) => (
                <Notice kind={m().kind} role={m().kind === 'success' ? 'status' : 'alert'}>
                  {m().text}
                </Notice>
              )}
            </Show>
            <Show when={phase() === 'save' || phase() === 'checking' ? waiting() : null}>
              {(w) => (
                <section class="staff-card" aria-labelledby="codes-save-title">
                  <h2 id="codes-save-title">{s('saveTitle')}</h2>
                  <p>{s('saveLead', { n: count(w().produced.rows), name: w().produced.name })}</p>
                  <p>
                    <button
                      type="button"
                      class="button button--secondary"
                      onClick={() => download(w())}
                    >
                      {s('saveAgain')}
                    </button>
                  </p>
                  <form onSubmit={checkFile} novalidate>
                    <Field
                      id="codes-saved"
                      type="file"
                      accept=".csv,text/csv"
                      label={s('savedFile')}
                      hint={s('savedFileHint')}
                      required
                      error={savedError()}
                      onChange={(event) => {
                        setSaved(event.currentTarget.files?.[0] ?? null)
                        setSavedError(undefined)
                      }}
                    />
                    <div class="button-row">
                      <button
                        type="submit"
                        class="button button--primary"
                        aria-busy={phase() === 'checking'}
                      >
                        {s('checkSaved')}
                      </button>
                      <button type="button" class="button button--secondary" onClick={discard}>
                        {s('discard')}
                      </button>
                    </div>
                  </form>
                  <StatusLine text={phase() === 'checking' && s('checking')} />
                </section>
              )}
            </Show>
            <Show
              when={phase() === 'unconfirmed' || phase() === 'confirming' ? unconfirmed() : null}
            >
              {(u) => (
                <section class="staff-card" aria-labelledby="codes-unconfirmed-title">
                  <h2 id="codes-unconfirmed-title">{s('unconfirmedTitle')}</h2>
                  <p>{s('unconfirmedLead', { n: count(u().rows), name: u().name })}</p>
                  <div class="button-row">
                    <button
                      type="button"
                      class="button button--primary"
                      aria-busy={phase() === 'confirming'}
                      onClick={() => void confirmAgain()}
                    >
                      {s('confirmAgain')}
                    </button>
                    <button
                      type="button"
                      class="button button--secondary"
                      onClick={() => void discardUnconfirmed()}
                    >
                      {s('discard')}
                    </button>
                  </div>
                  <StatusLine text={phase() === 'confirming' && s('checking')} />
                </section>
              )}
            </Show>
            <Show when={phase() === 'idle' || phase() === 'issuing'}>
              <section class="staff-card" aria-labelledby="codes-issue-title">
                <h2 id="codes-issue-title">{s('issueTitle')}</h2>
                <p>{s('issueLead')}</p>
                <p>{canWriteDirect() ? s('issueDirect') : s('issueDownload')}</p>
                <Show when={st().withoutCode > 0} fallback={<p>{s('nothingToIssue')}</p>}>
                  <div class="button-row">
                    <button
                      type="button"
                      class="button button--primary"
                      disabled={phase() !== 'idle'}
                      onClick={() => void issue('issue')}
                    >
                      {s('issueAllCount', { n: count(st().withoutCode) })}
                    </button>
                    <Show when={st().reissueQueue > 0}>
                      <button
                        type="button"
                        class="button button--secondary"
                        disabled={phase() !== 'idle'}
                        onClick={() => void issue('reissue')}
                      >
                        {s('issueQueueCount', { n: count(st().reissueQueue) })}
                      </button>
                    </Show>
                  </div>
                </Show>
                <StatusLine text={phase() === 'issuing' && s('issuing', { n: count(written()) })} />
              </section>
            </Show>
            <Queue number={number()} tick={queueTick} />
            <Runs
              number={number()}
              tick={runsTick}
              busyRun={() => waiting()?.runId ?? unconfirmed()?.runId ?? currentRun()}
              onRevoked={(m) => {
                setMessage(m)
                reload()
              }}
            />
          </>
        )}
      </Loaded>
    </Page>
  )
}

/** The counts in words and numbers: each with what it means (never colour alone). */
function StatusTable(props: { status: Accessor<Status> }) {
  const rows: { key: keyof Status & keyof typeof HINTS; unit: 'people' | 'codesN' }[] = [
    { key: 'issued', unit: 'codesN' },
    { key: 'used', unit: 'codesN' },
    { key: 'locked', unit: 'codesN' },
    { key: 'notPrinted', unit: 'codesN' },
    { key: 'reissueQueue', unit: 'people' },
    { key: 'neverIssued', unit: 'people' },
  ]
  return (
    <section aria-labelledby="codes-status-title">
      <h2 id="codes-status-title">{s('statusTitle')}</h2>
      <dl class="codes-status">
        <For each={rows}>
          {(row) => (
            <div class={`codes-status__item codes-status__item--${row.key}`}>
              <dt>{s(row.key)}</dt>
              <dd>
                <span class="codes-status__n">
                  {s(row.unit, { n: count(props.status()[row.key] as number) })}
                </span>
                <span class="codes-status__hint">{s(HINTS[row.key])}</span>
              </dd>
            </div>
          )}
        </For>
      </dl>
    </section>
  )
}

const HINTS = {
  issued: 'issuedHint',
  used: 'usedHint',
  locked: 'lockedHint',
  notPrinted: 'notPrintedHint',
  reissueQueue: 'reissueQueueHint',
  neverIssued: 'neverIssuedHint',
} as const

/** Pages of a cursor list: the cursors of the pages before, so 最初に戻る and 次の50件 work. */
function Pager(props: {
  next: string | null
  cursor: string | undefined
  onCursor: (cursor: string | undefined) => void
}): JSX.Element {
  return (
    <div class="button-row">
      <Show when={props.cursor}>
        <button
          type="button"
          class="button button--secondary"
          onClick={() => props.onCursor(undefined)}
        >
          {s('first')}
        </button>
      </Show>
      <Show when={props.next}>
        {(next) => (
          <button
            type="button"
            class="button button--secondary"
            onClick={() => props.onCursor(next())}
          >
            {s('next')}
          </button>
        )}
      </Show>
    </div>
  )
}

/** 再発行待ち: who, since when; 50 a page, oldest first. */
function Queue(props: { number: string; tick: Accessor<number> }) {
  const [cursor, setCursor] = createSignal<string | undefined>()
  const [page, { refetch }] = createResource(
    () => ({ n: props.number, cursor: cursor(), tick: props.tick() }),
    async ({ n, cursor }) =>
      dataOf(
        await staffApi('$get', '/api/ops/insurers/:number/codes/queue', {
          param: { number: n },
          query: { cursor },
        }),
      ),
  )
  return (
    <section aria-labelledby="codes-queue-title">
      <h2 id="codes-queue-title">{s('queueTitle')}</h2>
      <p>{s('queueLead')}</p>
      <Loaded data={page} onRetry={refetch}>
        {(data) => (
          <>
            <Show when={data().persons.length > 0} fallback={<p>{s('queueEmpty')}</p>}>
              <div
                class="staff-table-wrap"
                tabindex="0"
                role="region"
                aria-label={s('tableFrame', { name: s('queueTitle') })}
              >
                <table class="staff-table">
                  <caption class="visually-hidden">{s('queueTitle')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{s('personKey')}</th>
                      <th scope="col">{s('nameKana')}</th>
                      <th scope="col">{s('since')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={data().persons}>
                      {(p) => (
                        <tr>
                          <th scope="row">{p.personKey}</th>
                          <td>{p.nameKana}</td>
                          <td>{whenIso(p.since)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
            <Pager next={data().next} cursor={cursor()} onCursor={setCursor} />
          </>
        )}
      </Loaded>
    </section>
  )
}

/** 発行の記録: who issued how many, when, and whether the file was confirmed or discarded. */
function Runs(props: {
  number: string
  tick: Accessor<number>
  busyRun: () => string | null
  onRevoked: (m: Message) => void
}) {
  const [cursor, setCursor] = createSignal<string | undefined>()
  const [page, { refetch }] = createResource(
    () => ({ n: props.number, cursor: cursor(), tick: props.tick() }),
    async ({ n, cursor }) =>
      dataOf(
        await staffApi('$get', '/api/ops/insurers/:number/codes/runs', {
          param: { number: n },
          query: { cursor },
        }),
      ),
  )
  const state = (run: Run) =>
    run.confirmedAt
      ? s('stateConfirmed', { at: whenIso(run.confirmedAt) })
      : run.revokedAt
        ? s('stateRevoked', { at: whenIso(run.revokedAt) })
        : s('stateOpen')
  const revokeRun = async (run: Run) => {
    const result = await staffApi('$post', '/api/ops/insurers/:number/codes/runs/:id/revoke', {
      param: { number: props.number, id: run.id },
      json: {},
    })
    props.onRevoked(
      result.ok
        ? { kind: 'success', text: s('discarded', { n: result.data.revoked }) }
        : { kind: 'error', text: result.error.message },
    )
  }
  return (
    <section aria-labelledby="codes-runs-title">
      <h2 id="codes-runs-title">{s('runsTitle')}</h2>
      <Loaded data={page} onRetry={refetch}>
        {(data) => (
          <>
            <Show when={data().runs.length > 0} fallback={<p>{s('runsEmpty')}</p>}>
              <div
                class="staff-table-wrap"
                tabindex="0"
                role="region"
                aria-label={s('tableFrame', { name: s('runsTitle') })}
              >
                <table class="staff-table">
                  <caption class="visually-hidden">{s('runsTitle')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{s('runAt')}</th>
                      <th scope="col">{s('runBy')}</th>
                      <th scope="col">{s('runKind')}</th>
                      <th scope="col">{s('runCount')}</th>
                      <th scope="col">{s('runState')}</th>
                      <th scope="col">{s('runActions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={data().runs}>
                      {(run) => (
                        <tr>
                          <th scope="row">{whenIso(run.createdAt)}</th>
                          <td>{run.staffName ?? s('unknownStaff')}</td>
                          <td>{run.kind === 'reissue' ? s('kindReissue') : s('kindIssue')}</td>
                          <td>{count(run.issued)}</td>
                          <td>{state(run)}</td>
                          <td>
                            <Show
                              when={
                                !run.confirmedAt && !run.revokedAt && props.busyRun() !== run.id
                              }
                            >
                              <button
                                type="button"
                                class="button button--secondary"
                                aria-label={s('revokeRunOf', { at: whenIso(run.createdAt) })}
                                onClick={() => void revokeRun(run)}
                              >
                                {s('revokeRun')}
                              </button>
                            </Show>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
            <Pager next={data().next} cursor={cursor()} onCursor={setCursor} />
          </>
        )}
      </Loaded>
    </section>
  )
}
