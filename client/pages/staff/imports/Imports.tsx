import { createResource, createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js'
import { Notice } from '../../../components/Notice'
import { Page } from '../../../components/Page'
import { lang } from '../../../lib/i18n'
import { staffApi, staffDownload } from '../api'
import { dataOf, InsurerLine, Loaded } from '../data/parts'
import { useScreenId } from '../StaffConsole'
import { can, reloadStaff, staffMember } from '../session'
import { fileIdentity, fingerprintOf, type FileIdentity } from './file-identity'
import { ProgressMeter, splitDuration, throttledText, type ProgressView } from './progress'
import type { Failure, FromWorker, ImportView, Report, StartJob, ToWorker } from './protocol'
import { importPaths } from './post-batch'
import {
  findResume,
  PARSER_VERSION,
  removeResume,
  resumeKey,
  throttledSaver,
  type ImportKind,
  type ResumeRecord,
} from './resume-store'
import { s } from './strings'
import '../data/data.css'
import './imports.css'

/**
 * 名簿・健診結果の取り込み (/staff/insurers/:number/imports): 名簿 and 健診結果, each chosen (or dropped) as a file
 * that a Web Worker reads as a stream, parses with the command line's own code (core/import) and sends
 * in batches; a progress bar with rows/s and the time left, 中止, the command line's report and the
 * rejection file (the server's copy, so it survives a resume). A file whose import stopped part-way is
 * offered 「前回の取り込みを再開」 (IndexedDB, resume-store.ts; the server says where it really is).
 * Another insurer's screen (or one that does not exist) is refused in words before the form, as the
 * codes and history screens do: the first page of the history is the access check.
 */
export default function Imports() {
  const number = useScreenId()
  return (
    <Page title={s('title')}>
      <Show when={can('insurer.data')} fallback={<Notice kind="error">{s('forbidden')}</Notice>}>
        <ImportsFor number={number()} />
      </Show>
    </Page>
  )
}

function ImportsFor(props: { number: string }) {
  const [access, { refetch }] = createResource(
    () => props.number,
    async (n) =>
      dataOf(
        await staffApi('$get', '/api/ops/insurers/:number/imports', {
          param: { number: n },
          query: {},
        }),
      ),
  )
  return (
    <>
      <InsurerLine number={props.number} />
      <Loaded data={access} onRetry={refetch}>
        {() => (
          <>
            <p>{s('lead')}</p>
            <ImportPanel kind="roster" insurer={props.number} />
            <ImportPanel kind="checkups" insurer={props.number} />
            <p>
              <a href={`/staff/insurers/${encodeURIComponent(props.number)}/history`}>
                {s('historyLink')}
              </a>
            </p>
          </>
        )}
      </Loaded>
    </>
  )
}

type Phase =
  | { step: 'idle' }
  | { step: 'checking'; file: File }
  | { step: 'chosen'; file: File; id: FileIdentity; record: ResumeRecord | null }
  | { step: 'running'; file: File }
  | {
      step: 'finished'
      file: File
      outcome: 'complete' | 'failed' | 'interrupted'
      resumable: boolean
      failure: Failure | null
      view: ImportView | null
      report: Report | null
    }

const formatInt = (n: number) => Math.round(n).toLocaleString(lang() === 'en' ? 'en-GB' : 'ja-JP')

function formatSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`
}

const fileOf = (p: Phase): File | null => ('file' in p ? p.file : null)

function formatTime(seconds: number): string {
  const { h, m, s: sec } = splitDuration(seconds)
  if (h > 0) return s('hours', { h, m })
  if (m > 0) return s('minutes', { m, s: sec })
  return s('seconds', { s: sec })
}

function ImportPanel(props: { kind: ImportKind; insurer: string }) {
  const base = `import-${props.kind}`
  const [phase, setPhase] = createSignal<Phase>({ step: 'idle' })
  const [detected, setDetected] = createSignal('')
  const [status, setStatus] = createSignal('')
  const [progress, setProgress] = createSignal<(ProgressView & { done: number }) | null>(null)
  const [announce, setAnnounce] = createSignal('')
  const live = throttledText(setAnnounce, 2000)
  onCleanup(() => live.stop())
  const [cancelling, setCancelling] = createSignal(false)
  const [downloadError, setDownloadError] = createSignal('')
  const [dragging, setDragging] = createSignal(false)
  let input!: HTMLInputElement
  let worker: Worker | undefined
  let resultHeading: HTMLHeadingElement | undefined

  const stopWorker = () => {
    worker?.terminate()
    worker = undefined
  }
  onCleanup(stopWorker)

  const staffId = () => staffMember()?.id ?? ''

  const choose = async (file: File | undefined) => {
    if (!file || phase().step === 'running') return
    setDownloadError('')
    setPhase({ step: 'checking', file })
    let id: FileIdentity
    try {
      id = await fileIdentity(file)
    } catch {
      // unreadable (moved, permissions): the worker reports it in words when the import starts
      id = {
        name: file.name,
        size: file.size,
        lastModified: file.lastModified,
        headSha: '',
        tailSha: '',
      }
    }
    const record = id.headSha ? await findResume(staffId(), props.insurer, props.kind, id) : null
    setPhase({ step: 'chosen', file, id, record })
  }

  const start = (file: File, id: FileIdentity, record: ResumeRecord | null) => {
    const key = resumeKey(staffId(), props.insurer, props.kind, id)
    const importId = record?.importId ?? crypto.randomUUID()
    const saver = throttledSaver()
    const now = Date.now()
    let current: ResumeRecord = record ?? {
      key,
      importId,
      staffId: staffId(),
      insurer: props.insurer,
      kind: props.kind,
      name: id.name,
      size: id.size,
      lastModified: id.lastModified,
      headSha: id.headSha,
      tailSha: id.tailSha,
      parserVersion: PARSER_VERSION,
      batchSize: 0,
      lastConfirmedSeq: 0,
      lastConfirmedLine: null,
      lastConfirmedUnit: null,
      detected: null,
      startedAt: now,
      updatedAt: now,
    }
    const keep = Boolean(id.headSha)
    const meter = new ProgressMeter()
    setProgress(null)
    live.stop()
    setAnnounce('')
    setDetected('')
    setCancelling(false)
    setStatus(s('opening'))
    setPhase({ step: 'running', file })

    stopWorker()
    try {
      worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' })
    } catch {
      setStatus('')
      setPhase({
        step: 'finished',
        file,
        outcome: 'failed',
        resumable: false,
        failure: { key: 'worker', params: {}, message: s('workerFailed') },
        view: null,
        report: null,
      })
      return
    }
    worker.onerror = () => {
      stopWorker()
      void saver.flush()
      setStatus('')
      setPhase({
        step: 'finished',
        file,
        outcome: 'failed',
        resumable: keep,
        failure: { key: 'worker', params: {}, message: s('workerFailed') },
        view: null,
        report: null,
      })
    }
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const message = event.data
      switch (message.type) {
        case 'opened':
          if (keep) {
            current = {
              ...current,
              lastConfirmedSeq: message.resume.seq,
              lastConfirmedLine: message.resume.lastLine,
              lastConfirmedUnit: message.resume.lastUnit,
            }
            saver.save(current)
          }
          setStatus(
            message.resume.seq > 0 ? s('skipping', { count: formatInt(message.resume.seq) }) : '',
          )
          break
        case 'started':
          setDetected(message.label)
          current = { ...current, detected: message.label }
          break
        case 'progress': {
          const view = meter.add({
            elapsedMs: message.elapsedMs,
            done: message.done,
            read: message.read,
            bytesRead: message.bytesRead,
            totalBytes: message.totalBytes,
          })
          setProgress({ ...view, done: message.done })
          if (message.done > 0 && !cancelling()) setStatus('')
          // the one line of text, seen and heard: at most every 2 s, always ending on the latest
          live.set(progressText({ ...view, done: message.done }))
          break
        }
        case 'checkpoint':
          if (!keep) break
          current = {
            ...current,
            lastConfirmedSeq: message.seq,
            lastConfirmedLine: message.lastLine,
            lastConfirmedUnit: message.lastUnit,
          }
          saver.save(current)
          break
        case 'signedOut':
          stopWorker()
          void saver.flush()
          void reloadStaff()
          break
        case 'done':
          stopWorker()
          void saver.flush().then(() => {
            // kept only where a resume can still help: the server accepts no batch after complete/failed
            if (message.outcome !== 'interrupted') void removeResume(key)
          })
          setStatus('')
          setCancelling(false)
          live.stop()
          setAnnounce('')
          setPhase({
            step: 'finished',
            file,
            outcome: message.outcome,
            resumable: message.outcome === 'interrupted' && keep,
            failure: message.failure,
            view: message.import,
            report: message.report,
          })
          queueMicrotask(() => resultHeading?.focus())
          break
      }
    }
    const job: StartJob = {
      kind: props.kind,
      insurer: props.insurer,
      file,
      importId: current.importId,
      fingerprint: keep ? fingerprintOf(id) : '',
      lang: lang(),
    }
    worker.postMessage({ type: 'start', job } satisfies ToWorker)
  }

  const startOver = async (file: File, id: FileIdentity, record: ResumeRecord | null) => {
    if (record) await removeResume(record.key)
    start(file, id, null)
  }

  const cancel = () => {
    if (!worker || cancelling()) return
    setCancelling(true)
    setStatus(s('cancelling'))
    worker.postMessage({ type: 'cancel' } satisfies ToWorker)
  }

  const resumeAgain = async (file: File) => {
    const id = await fileIdentity(file).catch(() => null)
    if (!id) return
    const record = await findResume(staffId(), props.insurer, props.kind, id)
    start(file, id, record)
  }

  const reset = () => {
    setPhase({ step: 'idle' })
    setProgress(null)
    setDetected('')
    setDownloadError('')
    input.value = ''
    input.focus()
  }

  const download = async (view: ImportView) => {
    setDownloadError('')
    const result = await staffDownload(
      importPaths(props.insurer).rejected(view.id),
      `${view.fileName}.rejected.csv`,
    )
    if (!result.ok) setDownloadError(s('downloadFailed', { message: result.error.message }))
  }

  const progressText = (p: ProgressView & { done: number }) => {
    const numbers = {
      done: formatInt(p.done),
      total: formatInt(p.total ?? 0),
      rate: formatInt(p.perSecond),
    }
    const words =
      props.kind === 'roster'
        ? s(p.total ? 'progressRowsOf' : 'progressRows', numbers)
        : s(p.total ? 'progressDocumentsOf' : 'progressDocuments', numbers)
    const left =
      p.secondsLeft === null
        ? s('timeLeftUnknown')
        : s('timeLeft', { time: formatTime(p.secondsLeft) })
    return `${s('percent', { percent: Math.floor(p.fraction * 100) })} ${words} ${left}`
  }

  const running = () => phase().step === 'running'
  const title = () => (props.kind === 'roster' ? s('rosterTitle') : s('checkupsTitle'))

  return (
    <section class="staff-card imports-panel" aria-labelledby={`${base}-title`}>
      <h2 id={`${base}-title`}>{title()}</h2>
      <p id={`${base}-lead`}>{props.kind === 'roster' ? s('rosterLead') : s('checkupsLead')}</p>
      <div
        class="imports-drop"
        classList={{ 'imports-drop--over': dragging() }}
        onDragOver={(e) => {
          e.preventDefault()
          if (!running()) setDragging(true)
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault()
          setDragging(false)
          void choose(e.dataTransfer?.files[0])
        }}
      >
        <label for={`${base}-file`} class="field__label">
          {props.kind === 'roster' ? s('chooseRoster') : s('chooseCheckups')}
        </label>
        <input
          id={`${base}-file`}
          type="file"
          ref={input}
          accept={
            props.kind === 'roster'
              ? '.csv,.txt,text/csv'
              : '.csv,.xml,.zip,text/csv,text/xml,application/zip'
          }
          aria-describedby={`${base}-lead`}
          disabled={running()}
          onChange={(e) => void choose(e.currentTarget.files?.[0])}
        />
        <p class="imports-drop__hint" aria-hidden="true">
          {s('drop')}
        </p>
      </div>

      <Show when={fileOf(phase())}>
        {(file) => (
          <p class="imports-file">
            {s('fileChosen', { name: file().name, size: formatSize(file().size) })}
          </p>
        )}
      </Show>
      <Show when={detected()}>
        <p class="imports-detected">
          {s(props.kind === 'roster' ? 'detected' : 'detectedFormat', { label: detected() })}
        </p>
      </Show>

      <Switch>
        <Match when={phase().step === 'checking'}>
          <p role="status">{s('checking')}</p>
        </Match>
        <Match when={phase().step === 'chosen' && (phase() as Extract<Phase, { step: 'chosen' }>)}>
          {(p) => (
            <Show
              when={p().record}
              fallback={
                <div class="button-row">
                  <button
                    type="button"
                    class="button button--primary"
                    onClick={() => start(p().file, p().id, null)}
                  >
                    {s('start')}
                  </button>
                </div>
              }
            >
              {(record) => (
                <>
                  <p>{s('resumeFound')}</p>
                  <div class="button-row">
                    <button
                      type="button"
                      class="button button--primary"
                      onClick={() => start(p().file, p().id, record())}
                    >
                      {record().lastConfirmedLine !== null
                        ? // data rows: the file's line less the header line
                          s('resume', {
                            count: formatInt(Math.max(0, record().lastConfirmedLine! - 1)),
                          })
                        : record().lastConfirmedUnit !== null
                          ? // the entries sent: the last one's index counts from 0
                            s('resumeUnits', { count: formatInt(record().lastConfirmedUnit! + 1) })
                          : s('resumeBatches', { count: formatInt(record().lastConfirmedSeq) })}
                    </button>
                    <button
                      type="button"
                      class="button button--secondary"
                      onClick={() => void startOver(p().file, p().id, record())}
                    >
                      {s('restart')}
                    </button>
                  </div>
                </>
              )}
            </Show>
          )}
        </Match>
        <Match when={running()}>
          <div class="imports-progress">
            <label for={`${base}-progress`}>{s('progressLabel')}</label>
            <Show when={progress()} fallback={<progress id={`${base}-progress`} />}>
              {(p) => (
                <progress
                  id={`${base}-progress`}
                  max="100"
                  value={Math.floor(p().fraction * 100)}
                  aria-valuetext={progressText(p())}
                />
              )}
            </Show>
            <p class="imports-progress__text" role="status" aria-live="polite" aria-atomic="true">
              {announce()}
            </p>
            <p role="status">{status()}</p>
            <div class="button-row">
              <button
                type="button"
                class="button button--secondary"
                onClick={cancel}
                disabled={cancelling()}
              >
                {s('cancel')}
              </button>
            </div>
          </div>
        </Match>
        <Match
          when={phase().step === 'finished' && (phase() as Extract<Phase, { step: 'finished' }>)}
        >
          {(p) => (
            <div class="imports-result">
              <h3 id={`${base}-result`} tabindex="-1" ref={(el) => (resultHeading = el)}>
                {s('reportTitle')}
              </h3>
              <Switch>
                <Match when={p().outcome === 'complete'}>
                  <Notice kind="success" role="status">
                    {s('done')}
                  </Notice>
                </Match>
                <Match when={p().outcome === 'interrupted'}>
                  <Notice kind="warning" role="status">
                    {p().failure && p().failure!.key !== 'import_interrupted'
                      ? `${s('stopped')} ${p().failure!.message}`
                      : s('interrupted')}
                  </Notice>
                </Match>
                <Match when={p().outcome === 'failed'}>
                  <Notice kind="error" role="alert">
                    {(p().view?.batches ?? 0) > 0 ? s('failedPartly') : s('failed')}{' '}
                    {p().failure?.message}
                  </Notice>
                </Match>
              </Switch>
              <Show when={p().report}>{(report) => <ReportTable report={report()} />}</Show>
              <Show when={p().view?.hasRejections}>
                <p id={`${base}-rejected-hint`} class="imports-report__hint">
                  {s('downloadRejectedHint')}
                </p>
              </Show>
              <div class="button-row">
                <Show when={p().view?.hasRejections && p().view}>
                  {(view) => (
                    <button
                      type="button"
                      class="button button--secondary"
                      aria-describedby={`${base}-rejected-hint`}
                      onClick={() => void download(view())}
                    >
                      {s('downloadRejected')}
                    </button>
                  )}
                </Show>
                <Show when={p().resumable}>
                  <button
                    type="button"
                    class="button button--primary"
                    onClick={() => void resumeAgain(p().file)}
                  >
                    {s('resumeNow')}
                  </button>
                </Show>
                <button type="button" class="button button--secondary" onClick={reset}>
                  {s('another')}
                </button>
              </div>
              <Show when={downloadError()}>
                <Notice kind="error" role="alert">
                  {downloadError()}
                </Notice>
              </Show>
            </div>
          )}
        </Match>
      </Switch>
    </section>
  )
}

/** The command line's report (core/import/report.ts), as a list of terms. */
function ReportTable(props: { report: Report }) {
  return (
    <>
      <p class="imports-report__title">{s('reportFile', { name: props.report.file })}</p>
      <dl class="imports-report">
        <For each={props.report.rows}>
          {(row) => (
            <div>
              <dt>{row.label}</dt>
              <dd>{row.value}</dd>
            </div>
          )}
        </For>
      </dl>
      <For each={props.report.lines}>{(line) => <p class="imports-report__note">{line}</p>}</For>
      <Show when={props.report.rejections.length > 0}>
        <h4 class="imports-report__heading">{s('rejectionsTitle')}</h4>
        <ul class="imports-report__lines">
          <For each={props.report.rejections}>{(line) => <li>{line}</li>}</For>
        </ul>
        <Show when={props.report.more}>
          <p class="imports-report__note">{props.report.more}</p>
        </Show>
      </Show>
    </>
  )
}
