/** The operator API's body for moving an insurer between databases (worker/routes/ops.shards.ts). */
import * as v from 'valibot'
import { InsurerNumberField } from './staff-admin.ts'

/** A database's name as the directory's `databases` holds it (wrangler's DB_<NAME>, a libSQL name). */
const DatabaseName = v.pipe(
  v.string('ops.shards.database'),
  v.regex(/^[a-z][a-z0-9_-]{0,39}$/, 'ops.shards.database'),
)

export const ShardMoveBody = v.strictObject({
  insurer: InsurerNumberField,
  to: DatabaseName,
  /** Only the checkups of this fiscal year (April–March) and later move; absent: the whole insurer. */
  fromFy: v.optional(
    v.pipe(
      v.number('ops.shards.from_fy'),
      v.integer('ops.shards.from_fy'),
      v.minValue(1990, 'ops.shards.from_fy'),
      v.maxValue(2200, 'ops.shards.from_fy'),
    ),
  ),
})
