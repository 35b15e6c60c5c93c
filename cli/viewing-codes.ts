/**
 * Viewing codes (健診閲覧コード) for the postcards: issue them through POST /api/ops/insurers/:number/codes/issue,
 * 50 a request (each code costs a password hash on the server), and write each answer to the print file before
 * the next request. The plain codes exist only in that file: every answer is written and flushed to disk as it
 * arrives, so stopping (or a crash) loses no code already received. The print file is CSV, UTF-8 with BOM,
 * CRLF, Excel-safe fields (docs/data-formats.md "Viewing-code postcards").
 */
import { open, rm, stat, type FileHandle } from 'node:fs/promises'
import type { CodesIssueRequest, IssuedCode } from './client.ts'
import { CODES_PER_REQUEST } from '../core/viewing-codes.ts'
import { OpsError } from './errors.ts'
import { formatInt } from './terminal.ts'
import { asOpsError, csvField } from './batches.ts'
import { japanDate, POSTCARD_HEADER, postcardCells } from '../core/postcard.ts'

export { japanDate, POSTCARD_HEADER, postcardCells }

const errorCode = (err: unknown) => (err as { code?: string }).code ?? String(err)

/**
 * Before anything is issued: the print file must not exist (it may hold the only copy of earlier codes) unless
 * `force`, and must not be a folder.
 */
export async function checkOut(path: string, shown: string, force: boolean): Promise<void> {
  let s
  try {
    s = await stat(path)
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return
    throw new OpsError('file_unwritable', { file: shown, reason: errorCode(err) })
  }
  if (s.isDirectory()) throw new OpsError('file_is_directory', { file: shown })
  if (!force) throw new OpsError('codes_out_exists', { file: shown })
}

/**
 * The print file. Opened before the first request (so an unwritable path fails before any code is issued), but
 * an existing file (`--force`) is emptied only when the first codes arrive: a run that issues nothing leaves it
 * as it was, and a new file it created is removed.
 */
export class PostcardFile {
  path: string
  shown: string
  insurer: string
  handle: FileHandle
  existed: boolean
  rows = 0
  started = false

  private constructor(
    path: string,
    shown: string,
    insurer: string,
    handle: FileHandle,
    existed: boolean,
  ) {
    this.path = path
    this.shown = shown
    this.insurer = insurer
    this.handle = handle
    this.existed = existed
  }

  static async open(
    path: string,
    shown: string,
    insurer: string,
    force: boolean,
  ): Promise<PostcardFile> {
    try {
      if (force) {
        try {
          return new PostcardFile(path, shown, insurer, await open(path, 'r+'), true)
        } catch (err) {
          if (errorCode(err) !== 'ENOENT') throw err
        }
      }
      return new PostcardFile(path, shown, insurer, await open(path, 'wx'), false)
    } catch (err) {
      if (errorCode(err) === 'EEXIST') throw new OpsError('codes_out_exists', { file: shown })
      if (errorCode(err) === 'EISDIR') throw new OpsError('file_is_directory', { file: shown })
      throw new OpsError('file_unwritable', { file: shown, reason: errorCode(err) })
    }
  }

  /** Writes the codes and flushes them to disk before returning. */
  async append(codes: IssuedCode[]): Promise<void> {
    if (codes.length === 0) return
    let text = ''
    if (!this.started) {
      if (this.existed) await this.handle.truncate(0)
      text = `\uFEFF${POSTCARD_HEADER.map(csvField).join(',')}\r\n`
      this.started = true
    }
    text += codes
      .map((c) => postcardCells(this.insurer, c).map(csvField).join(',') + '\r\n')
      .join('')
    const bytes = Buffer.from(text, 'utf8')
    for (let at = 0; at < bytes.length;) {
      const { bytesWritten } = await this.handle.write(bytes, at, bytes.length - at)
      at += bytesWritten
    }
    try {
      await this.handle.datasync()
    } catch (err) {
      // not every file can be synced (a pipe, /dev/stdout): the bytes are written all the same
      if (errorCode(err) !== 'EINVAL' && errorCode(err) !== 'ENOTSUP') throw err
    }
    this.rows += codes.length
  }

  /** Returns whether the file holds codes of this run; a file created for nothing is removed. */
  async close(): Promise<boolean> {
    await this.handle.close().catch(() => {})
    if (this.started) return true
    if (!this.existed) await rm(this.path, { force: true }).catch(() => {})
    return false
  }
}

export type CodesProgress = { done: number; total: number; elapsedMs: number; finished: boolean }

/**
 * The run the codes are issued into (issue 13): its codes stay unusable (「未印刷」) until the run is
 * confirmed, once the whole print file is written and closed; a run whose file could not be written, or
 * whose answer was lost, is revoked, and its persons go back to the re-issue queue.
 */
export type CodeRunCalls = {
  start: () => Promise<string>
  /** Confirms the run with the rows of its print file; how many codes the confirm made usable. */
  confirm: (runId: string, codes: number) => Promise<number>
  revoke: (runId: string) => Promise<number>
}

export type IssueOptions = {
  /** Absolute path of the print file, and as the operator wrote it. */
  out: string
  shown: string
  force: boolean
  insurer: string
  run: CodeRunCalls
  issue: (request: CodesIssueRequest) => Promise<IssuedCode[]>
  /** Re-issue to these persons (their live codes are revoked); absent: issue to everyone without a live code. */
  personKeys?: string[]
  /** For the progress: the persons without a code (issue), or the named persons (re-issue). */
  total: number
  signal?: AbortSignal
  onProgress?: (p: CodesProgress) => void
  now?: () => number
}

export type IssueResult = {
  file: string
  /** The print file holds this run's codes, confirmed (false: none issued, or the run was revoked). */
  written: boolean
  /** Codes in the print file (all of them usable once `confirmed`). */
  issued: number
  requests: number
  elapsedMs: number
  complete: boolean
  fatal: OpsError | null
  /** Re-issue: named persons not on the roster (nothing issued to them). */
  notFound: string[]
  /** The run's id (null: it could not be started). */
  runId: string | null
  /** The run was confirmed: the file's codes are usable. */
  confirmed: boolean
  /** The run was revoked (the file could not be written, an answer was lost, or the server held other codes
   * than the file): its codes are void, the file removed, and its persons back in the re-issue queue. Why: */
  revoked: 'write_failed' | 'answer_lost' | 'count_mismatch' | null
  /** The confirm itself failed: the run stays unconfirmed and is revoked by the server after 30 minutes. */
  confirmFailed: OpsError | null
}

/** The server refused the confirm: the run holds other codes than the file's rows (409 count_mismatch). */
export function countMismatch(e: OpsError): boolean {
  return (
    e.key === 'api_error' &&
    Number(e.params.status) === 409 &&
    e.params.code === 'wrong_state' &&
    String(e.params.message).includes('count_mismatch')
  )
}

/** Errors that mean the server did nothing: the request was refused. */
function refused(e: OpsError): boolean {
  if (
    ['unauthenticated', 'unauthenticated_dev', 'forbidden', 'not_found', 'too_large'].includes(
      e.key,
    )
  )
    return true
  return e.key === 'api_error' && Number(e.params.status) >= 400 && Number(e.params.status) < 500
}

/**
 * Starts a run, then issues codes into it request after request until the server has none left to give
 * (or, to re-issue, until every named person is done), writing and syncing each answer to the print file
 * before asking for more. Once the file is closed, the run is confirmed (the file is one print job). A
 * write failure or a lost answer (codes that are not in the file) revokes the run and removes the file:
 * nothing half-printed is ever usable. Never throws: the outcome (and any failure) is in the result.
 */
export async function issueCodes(options: IssueOptions): Promise<IssueResult> {
  const now = options.now ?? Date.now
  const started = now()
  const result: IssueResult = {
    file: options.shown,
    written: false,
    issued: 0,
    requests: 0,
    elapsedMs: 0,
    complete: false,
    fatal: null,
    notFound: [],
    runId: null,
    confirmed: false,
    revoked: null,
    confirmFailed: null,
  }
  const progress = (finished = false) =>
    options.onProgress?.({
      done: result.issued,
      total: options.total,
      elapsedMs: now() - started,
      finished,
    })
  const finish = () => {
    result.complete = result.fatal === null && result.confirmFailed === null
    result.elapsedMs = now() - started
    progress(true)
    return result
  }

  let file: PostcardFile
  try {
    file = await PostcardFile.open(options.out, options.shown, options.insurer, options.force)
  } catch (err) {
    result.fatal = asOpsError(err)
    result.elapsedMs = now() - started
    return result
  }
  let runId: string
  try {
    runId = await options.run.start()
    result.runId = runId
  } catch (err) {
    result.fatal = asOpsError(err)
    await file.close()
    return finish()
  }

  const reissue = options.personKeys !== undefined
  const chunks: string[][] = []
  if (reissue) {
    const keys = options.personKeys as string[]
    for (let i = 0; i < keys.length; i += CODES_PER_REQUEST)
      chunks.push(keys.slice(i, i + CODES_PER_REQUEST))
  }

  try {
    for (let n = 0; ; n++) {
      if (reissue && n >= chunks.length) break
      if (options.signal?.aborted) {
        result.fatal = new OpsError('codes_interrupted', { count: formatInt(result.issued) }, 130)
        break
      }
      const request: CodesIssueRequest = reissue
        ? { runId, personKeys: chunks[n], reissue: true }
        : { runId, limit: CODES_PER_REQUEST }
      let codes: IssuedCode[]
      try {
        codes = await options.issue(request)
      } catch (err) {
        const fatal = asOpsError(err)
        result.fatal = fatal
        // No clear answer: codes may have been issued that are not in the file. The run is revoked.
        if (!refused(fatal)) result.revoked = 'answer_lost'
        break
      }
      result.requests++
      if (reissue) {
        const returned = new Set(codes.map((c) => c.personKey))
        result.notFound.push(...chunks[n].filter((k) => !returned.has(k)))
      } else if (codes.length === 0) break
      try {
        await file.append(codes)
      } catch (err) {
        result.fatal = new OpsError('file_unwritable', {
          file: options.shown,
          reason: errorCode(err),
        })
        result.revoked = 'write_failed'
        break
      }
      result.issued += codes.length
      progress()
    }
  } finally {
    result.written = await file.close()
  }

  if (!result.revoked && result.written) {
    try {
      await options.run.confirm(runId, result.issued)
      result.confirmed = true
      return finish()
    } catch (err) {
      const e = asOpsError(err)
      // The run holds codes the file does not (a request that failed part-way): it is revoked below.
      if (countMismatch(e)) {
        result.fatal = e
        result.revoked = 'count_mismatch'
      } else {
        result.confirmFailed = e
        return finish()
      }
    }
  }
  // Nothing to print, or a file that is not the run's whole: the run's codes are made void.
  try {
    await options.run.revoke(runId)
  } catch (err) {
    // the server revokes it after 30 minutes all the same
    result.fatal ??= asOpsError(err)
  }
  if (result.revoked && result.written) {
    // a regular file only (never a device given as --out)
    if ((await stat(options.out).catch(() => null))?.isFile())
      await rm(options.out, { force: true }).catch(() => {})
    result.written = false
  }
  if (result.revoked) result.issued = 0
  return finish()
}
