/**
 * The operator API's batch bodies and answers as the importers build and read them
 * (POST /api/ops/insurers/:number/roster/batches and …/checkups, docs/operator-api.md). The server's
 * schemas are core/insurer.ts RosterBatchBody and core/checkup-import.ts CheckupBatchBody; the answers
 * are written here by shape, since core sees nothing of the worker. Both entry points (cli/client.ts,
 * the console's Web Worker) post these.
 */
import type { CheckupInput } from '../checkup-import.ts'

export type RosterRow = { line: number; fields: string[] }

/** The optional fields that tie a batch to an import record (ImportTag: importId + seq). */
export type BatchTag = {
  importId?: string
  seq?: number
  /** Checkups: the zip entry index, or the CSV units, consumed up to the end of this batch. */
  lastUnit?: number
  /** The rows of this batch's local rejections, exactly as written to the rejection file. */
  localRejections?: Array<Array<string | number>>
}

export type RosterBatch = { header: string[]; rows: RosterRow[] } & BatchTag

export type Rejection = { line: number; column: string; reason: string; message: string }

export type BatchResult = {
  inserted: number
  updated: number
  unchanged: number
  rejected: Rejection[]
  repeated?: boolean
}

export type CheckupBatch = { checkups: CheckupInput[] } & BatchTag

export type CheckupProblem = {
  ref: string
  line?: number
  code?: string
  reason: string
  message: string
}

export type CheckupBatchResult = {
  inserted: number
  replaced: number
  unchanged: number
  rejected: CheckupProblem[]
  repeated?: boolean
}
