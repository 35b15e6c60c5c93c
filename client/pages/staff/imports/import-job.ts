/**
 * One import, as the worker runs it (import.worker.ts is only the message shim, so a Node test calls
 * this without a Worker): open the server's import record (POST …/imports: new, or where a resumed one
 * stands), stream and parse the file with the command line's own importer (core/import, through
 * importers.ts) skipping the batches the server already has, send the rest tagged with the import's id
 * and sequence number, close the record (POST …/imports/:id/finish) and answer with the report.
 *
 * Outcomes: 'complete'; 'failed' (the file is refused whole, or the server refused a batch: final);
 * 'interrupted' (中止, or the server could not be reached after the retries: resumable). A 401 at any
 * point is 'signedOut': nothing more is sent, the record stays open for a resume after log-in.
 */
import { clipParams } from '../../../../core/clip-params'
import { t, type Lang } from '../../../../core/i18n'
import { ApiFailure, importPaths, requestJson, SignedOut, type Fetch } from './post-batch'
import { runImporter, type ImporterOutcome } from './importers'
import type {
  Emit,
  Failure,
  ImportView,
  ProgressMessage,
  Report,
  ResumePoint,
  StartJob,
  ToWorker,
} from './protocol'

export type JobDeps = {
  fetch?: Fetch
  retryDelaysMs?: number[]
  sleep?: (ms: number) => Promise<void>
  signal?: AbortSignal
  now?: () => number
  /** Between progress messages (default 250 ms: at most 4 a second). */
  progressEveryMs?: number
}

/** The worker's few words of its own (the importer's are in the import catalogue). */
const WORDS: Record<Lang, { network: string }> = {
  ja: { network: 'サーバーに接続できません。ネットワークを確認してください。' },
  en: { network: 'The server cannot be reached. Check the network.' },
}

let running: AbortController | null = null

/** The worker's onmessage: start a job (one at a time), or cancel the one running. */
export function handleMessage(message: ToWorker, emit: Emit, deps: JobDeps = {}): void {
  if (message.type === 'cancel') {
    running?.abort()
    return
  }
  if (running) return
  const controller = new AbortController()
  running = controller
  void runImportJob(message.job, emit, { ...deps, signal: controller.signal }).finally(() => {
    if (running === controller) running = null
  })
}

type Opened = { import: ImportView; resume: ResumePoint }

/** Network trouble (the retries spent) rather than a refusal: the import can be resumed. */
const unreachable = (e: ApiFailure) => e.status === 0 || e.status === 429 || e.status >= 500

export async function runImportJob(job: StartJob, emit: Emit, deps: JobDeps = {}): Promise<void> {
  const lang = job.lang
  const paths = importPaths(job.insurer)
  const options = {
    fetch: deps.fetch,
    lang,
    retryDelaysMs: deps.retryDelaysMs,
    sleep: deps.sleep,
    networkMessage: WORDS[lang].network,
  }
  const failureOf = (e: ApiFailure): Failure => ({
    key: e.code,
    params: { status: e.status },
    message: e.message,
  })
  const done = (
    outcome: 'complete' | 'failed' | 'interrupted',
    failure: Failure | null,
    view: ImportView | null,
    report: Report | null,
  ) =>
    emit({
      type: 'done',
      outcome,
      resumable: outcome === 'interrupted',
      failure,
      import: view,
      report,
    })

  // 1. The server's record: new, or where the earlier run of this import stands.
  let opened: Opened
  try {
    opened = await requestJson<Opened>(
      'POST',
      paths.imports,
      {
        id: job.importId,
        kind: job.kind,
        source: 'console',
        fileName: job.file.name.slice(0, 255) || '-',
        fileSize: job.file.size,
        fingerprint: job.fingerprint,
      },
      options,
    )
  } catch (err) {
    if (err instanceof SignedOut) return emit({ type: 'signedOut' })
    const e = err instanceof ApiFailure ? err : new ApiFailure(0, 'network', WORDS[lang].network)
    return done(unreachable(e) ? 'interrupted' : 'failed', failureOf(e), null, null)
  }
  emit({ type: 'opened', import: opened.import, resume: opened.resume })

  // 2. The file, through the command line's importer; batches already recorded are not sent again.
  let signedOut = false
  let refusal: ApiFailure | null = null
  const post = async <T>(path: 'roster' | 'checkups', body: unknown): Promise<T> => {
    try {
      return await requestJson<T>(
        'POST',
        path === 'roster' ? paths.rosterBatch : paths.checkupBatch,
        body,
        options,
      )
    } catch (err) {
      if (err instanceof SignedOut) signedOut = true
      else if (err instanceof ApiFailure) refusal ??= err
      throw err
    }
  }
  const now = deps.now ?? (() => performance.now())
  const every = deps.progressEveryMs ?? 250
  let lastProgress = -Infinity
  const progress = (p: Omit<ProgressMessage, 'type'>, final: boolean) => {
    const at = now()
    if (!final && at - lastProgress < every) return
    lastProgress = at
    emit({ type: 'progress', ...p })
  }
  let outcome: ImporterOutcome
  try {
    outcome = await runImporter({
      kind: job.kind,
      file: job.file,
      insurer: job.insurer,
      importId: job.importId,
      skipBatches: opened.resume.seq,
      // used for a zip only (a CSV's units are re-read to rebuild the same batches)
      skipUnits:
        opened.resume.seq > 0 && opened.resume.lastUnit !== null
          ? opened.resume.lastUnit + 1
          : undefined,
      batchSize: job.batchSize,
      lang,
      signal: deps.signal,
      post,
      onStart: (detected, label) => emit({ type: 'started', detected, label }),
      onProgress: progress,
      onSettled: (seq, lastLine, lastUnit) => emit({ type: 'checkpoint', seq, lastLine, lastUnit }),
    })
  } catch (err) {
    // the importer reports its failures in its result; anything else is a defect, said in words
    outcome = {
      complete: false,
      fatal: {
        key: 'import_internal',
        params: { message: (err as Error)?.name ?? 'Error' },
        message: t(lang, 'import_internal', { message: (err as Error)?.name ?? 'Error' }),
      },
      rowsRead: 0,
      blank: 0,
      detected: null,
      report: () => null,
      stopped: false,
    }
  }
  if (signedOut) return emit({ type: 'signedOut' })

  // 3. Close the record; the report counts what the server recorded (exact after a resume).
  const failed = refusal as ApiFailure | null
  let result: 'complete' | 'failed' | 'interrupted'
  let failure: Failure | null = null
  if (outcome.complete) result = 'complete'
  else if (failed && unreachable(failed)) {
    result = 'interrupted'
    failure = failureOf(failed)
  } else if (failed) {
    result = 'failed'
    failure = failureOf(failed)
  } else if (outcome.stopped) result = 'interrupted'
  else {
    result = 'failed'
    failure = outcome.fatal
  }
  let view: ImportView | null = null
  try {
    view = (
      await requestJson<{ import: ImportView }>(
        'POST',
        paths.finish(job.importId),
        {
          outcome: result,
          rowsRead: outcome.rowsRead,
          blank: outcome.blank,
          ...(outcome.detected ? { detected: outcome.detected.slice(0, 40) } : {}),
          ...(failure
            ? { failure: { key: failure.key.slice(0, 80), params: clipParams(failure.params) } }
            : {}),
        },
        options,
      )
    ).import
  } catch (err) {
    if (err instanceof SignedOut) return emit({ type: 'signedOut' })
    // the record stays open: the history shows it unfinished, a resume can still close it
  }
  done(result, failure, view, outcome.report(view?.totals ?? null))
}
