/**
 * `roster import`'s reading and sending, for a file on disk: the shared importer (core/import/roster-import.ts)
 * fed by the file (./import-files.ts), writing FILE.rejected.csv, its failure as the CLI's OpsError (exit codes).
 */
import {
  emptyRosterResult,
  importRoster as importRosterSource,
  type ImportOptions as SourceOptions,
  type ImportResult as SourceResult,
} from '../core/import/roster-import.ts'
import { t } from './i18n.ts'
import { opsError, OpsError } from './errors.ts'
import { fileSource, rejectedPathFor, RejectionFile } from './import-files.ts'

export {
  DEFAULT_BATCH,
  MAX_BATCH,
  MAX_FIELD_CHARS,
  PERSON_KEY_HEADERS,
  type ImportProgress,
  type ImportStart,
  type PostBatch,
} from '../core/import/roster-import.ts'
export { rejectedPathFor } from './import-files.ts'

export type ImportOptions = Omit<SourceOptions, 'source' | 'sink' | 'sinkName'> & {
  file: string
  /** Default: beside the input, FILE.rejected.csv. */
  rejectedFile?: string
  readOptions?: SourceOptions['readOptions'] & { highWaterMark?: number }
}

export type ImportResult = Omit<SourceResult, 'fatal'> & { fatal: OpsError | null }

export async function importRoster(options: ImportOptions): Promise<ImportResult> {
  const { file, rejectedFile, readOptions, ...rest } = options
  const now = options.now ?? Date.now
  const started = now()
  let source
  try {
    source = await fileSource(file, { highWaterMark: readOptions?.highWaterMark })
  } catch (err) {
    return { ...emptyRosterResult(file), fatal: err as OpsError, elapsedMs: now() - started }
  }
  const path = rejectedFile ?? rejectedPathFor(file)
  const result = await importRosterSource({
    ...rest,
    readOptions,
    source,
    sink: new RejectionFile(path, t(options.lang ?? 'ja', 'rejected_csv_header')),
    sinkName: path,
  })
  return { ...result, fatal: opsError(result.fatal) }
}
