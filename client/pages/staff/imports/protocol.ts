/**
 * What the import screen (Imports.tsx) and its Web Worker (import.worker.ts → import-job.ts) say to each
 * other. The page sends the File itself (structured clone: its bytes are not copied) and the import's id;
 * the worker opens the server's import record, streams and parses the file, sends the batches, finishes
 * the record and answers with the report. Types only: nothing here runs.
 */
import type { Lang } from '../../../../core/i18n'
import type { ImportKind } from './resume-store'

export type Totals = {
  rowsRead: number
  blank: number
  inserted: number
  updated: number
  unchanged: number
  rejected: number
}

/** The server's record of an import (docs/operator-api.md, "Import records"). */
export type ImportView = {
  id: string
  kind: ImportKind
  source: 'console' | 'cli'
  fileName: string
  fileSize: number
  detected: string | null
  staffName: string | null
  startedAt: string
  finishedAt: string | null
  outcome: null | 'complete' | 'failed' | 'interrupted'
  failure: { key: string; params: Record<string, string | number> } | null
  totals: Totals
  batches: number
  hasRejections: boolean
}

/** Where the server says the import is: every batch up to `seq` is recorded. */
export type ResumePoint = { seq: number; lastLine: number | null; lastUnit: number | null }

export type StartJob = {
  kind: ImportKind
  insurer: string
  file: File
  importId: string
  fingerprint: string
  lang: Lang
  /** Rows (roster) or checkups (checkups) per batch; the importers' defaults when absent. */
  batchSize?: number
}

export type ToWorker = { type: 'start'; job: StartJob } | { type: 'cancel' }

export type ProgressMessage = {
  type: 'progress'
  elapsedMs: number
  /** rows or documents with an outcome, this session (skipped batches included) */
  done: number
  /** rows or documents read from the file so far (ahead of `done`): the total's estimate */
  read: number
  bytesRead: number
  totalBytes: number
  inserted: number
  updated: number
  unchanged: number
  rejected: number
}

/** The final report, as the command line prints it (core/import/report.ts): label and value rows. */
export type Report = {
  /** The file's name (the screen words the heading). */
  file: string
  rows: { label: string; value: string }[]
  /** The notes under the table (no rows in the file), each a line. */
  lines: string[]
  /** The first rejections, each 「3 行目・氏名カナ: 理由」. */
  rejections: string[]
  /** 「… ほか 12 件」 when more were rejected than listed. */
  more: string | null
}

export type Failure = {
  key: string
  params: Record<string, string | number>
  /** In the staff member's language. */
  message: string
}

export type FromWorker =
  | { type: 'opened'; import: ImportView; resume: ResumePoint }
  | { type: 'started'; detected: string; label: string }
  | ProgressMessage
  | { type: 'checkpoint'; seq: number; lastLine: number | null; lastUnit: number | null }
  | { type: 'signedOut' }
  | {
      type: 'done'
      outcome: 'complete' | 'failed' | 'interrupted'
      /** The network or the server stopped the import part-way: it can be resumed. */
      resumable: boolean
      failure: Failure | null
      import: ImportView | null
      report: Report | null
    }

export type Emit = (message: FromWorker) => void
