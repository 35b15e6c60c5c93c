/**
 * The import worker's rejection sink (core/import/source.ts RejectionSink). The rows rejected in the
 * browser travel with their batch to the server (`localRejections`), which keeps the import's one
 * rejection file (GET …/imports/:id/rejected.csv: the server's rejections and these, merged by line) for
 * 90 days and across a resume; so the worker keeps no copy of its own, only the count, and its memory
 * stays flat however many rows a file rejects.
 */
import type { Cells, RejectionSink } from '../../../../core/import/source'

export class CountingSink implements RejectionSink {
  rows = 0
  closed = false

  async write(rows: Cells[]): Promise<void> {
    this.rows += rows.length
  }

  async close(): Promise<string | null> {
    this.closed = true
    return this.rows > 0 ? 'rejected.csv' : null
  }
}
