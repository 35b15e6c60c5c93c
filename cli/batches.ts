/**
 * The batch sending the importers share now lives in core/import/batches.ts (the console's Web Worker uses
 * it too); the command line's pieces of it are here: FILE.rejected.csv (./import-files.ts) and its errors as
 * OpsError (for the viewing codes' print file, ./viewing-codes.ts).
 */
import { ImportError } from '../core/import/errors.ts'
import { opsError, OpsError } from './errors.ts'

export {
  BatchSender,
  closeImport,
  csvField,
  FIRST_REJECTIONS,
  keepFirst,
  MAX_BATCH_BYTES,
  type BatchSenderOptions,
  type Cells,
  type ImportEnd,
} from '../core/import/batches.ts'
export { RejectionFile } from './import-files.ts'

export function asOpsError(err: unknown): OpsError {
  if (err instanceof OpsError) return err
  if (err instanceof ImportError) return opsError(err)
  return new OpsError('internal_error', { message: (err as Error)?.message ?? String(err) })
}
