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

export const POSTCARD_HEADER = [
  '個人識別番号',
  '保険者番号',
  '記号',
  '番号',
  '枝番',
  '氏名カナ',
  '郵便番号',
  '住所',
  '健診閲覧コード',
  '発行日',
]

/** The day in Japan (UTC+9 all year) of an ISO instant, as YYYY-MM-DD. */
export function japanDate(iso: string): string {
  const ms = Date.parse(iso)
  if (!Number.isFinite(ms)) return iso
  return new Date(ms + 9 * 3_600_000).toISOString().slice(0, 10)
}

export function postcardCells(insurer: string, c: IssuedCode): string[] {
  const s = (v: string | null | undefined) => (v === null || v === undefined ? '' : String(v))
  return [
    c.personKey,
    insurer,
    s(c.symbol),
    s(c.number),
    s(c.branch),
    s(c.nameKana),
    s(c.postalCode),
    s(c.address),
    c.code,
    japanDate(c.issuedAt),
  ]
}

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

export type IssueOptions = {
  /** Absolute path of the print file, and as the operator wrote it. */
  out: string
  shown: string
  force: boolean
  insurer: string
  issue: (request: CodesIssueRequest) => Promise<IssuedCode[]>
  /** Re-issue to these persons (their live codes are revoked); absent: issue to everyone without a live code. */
  personKeys?: string[]
  /** For the progress: the persons without a code (issue), or the named persons (re-issue). */
  total: number
  /** Persons without a live code now, to tell after a lost answer whether it issued codes. */
  recount?: () => Promise<number>
  signal?: AbortSignal
  onProgress?: (p: CodesProgress) => void
  now?: () => number
}

export type IssueResult = {
  file: string
  /** The print file holds this run's codes (false: none issued, nothing written). */
  written: boolean
  issued: number
  requests: number
  elapsedMs: number
  complete: boolean
  fatal: OpsError | null
  /** Re-issue: named persons not on the roster (nothing issued to them). */
  notFound: string[]
  /** Persons given a code that could not be written to the file: they need a re-issue. */
  unwritten: string[]
  /** A request failed without a clear answer (network, timeout, server error): codes may have been issued to
   * persons that are not in the file. `lost`: how many, when a recount could tell; null when unknown. */
  answerLost: boolean
  lost: number | null
  /** Re-issue: the persons of the request whose answer was lost (their old codes may be revoked). */
  uncertain: string[]
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
 * Issues codes request after request until the server has none left to give (or, to re-issue, until every
 * named person is done), writing each answer to the print file before asking for more. Never throws: the
 * outcome (and any failure) is in the result.
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
    unwritten: [],
    answerLost: false,
    lost: null,
    uncertain: [],
  }
  const progress = (finished = false) =>
    options.onProgress?.({
      done: result.issued,
      total: options.total,
      elapsedMs: now() - started,
      finished,
    })

  let file: PostcardFile
  try {
    file = await PostcardFile.open(options.out, options.shown, options.insurer, options.force)
  } catch (err) {
    result.fatal = asOpsError(err)
    result.elapsedMs = now() - started
    return result
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
        ? { personKeys: chunks[n], reissue: true }
        : { limit: CODES_PER_REQUEST }
      let codes: IssuedCode[]
      try {
        codes = await options.issue(request)
      } catch (err) {
        const fatal = asOpsError(err)
        result.fatal = fatal
        if (!refused(fatal)) {
          result.answerLost = true
          if (reissue) result.uncertain = chunks[n]
          else if (options.recount) {
            // every code of this run is in the file: persons with a code beyond those were given one in the lost answer
            try {
              result.lost = Math.max(0, options.total - result.issued - (await options.recount()))
            } catch {
              result.lost = null
            }
            if (result.lost === 0) result.answerLost = false
          }
        }
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
        result.unwritten = codes.map((c) => c.personKey)
        result.fatal = new OpsError('file_unwritable', {
          file: options.shown,
          reason: errorCode(err),
        })
        break
      }
      result.issued += codes.length
      progress()
    }
  } finally {
    result.written = await file.close()
  }
  result.complete = result.fatal === null
  result.elapsedMs = now() - started
  progress(true)
  return result
}
