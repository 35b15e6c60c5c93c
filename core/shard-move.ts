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

/** issue 14, I: registering an insurer database (`ops shards add-database`). */
export const ShardDatabaseBody = v.pipe(
  v.strictObject({
    name: v.pipe(
      v.string('ops.shards.new_database'),
      v.regex(/^[a-z][a-z0-9_]{1,30}$/, 'ops.shards.new_database'),
    ),
    kind: v.picklist(['d1', 'libsql'], 'ops.shards.kind'),
    url: v.optional(v.pipe(v.string('ops.shards.url'), v.maxLength(500, 'ops.shards.url'))),
  }),
  v.forward(
    v.check(
      (b) =>
        b.kind === 'd1' ? b.url === undefined : /^(libsql|https?):\/\/\S+$/.test(b.url ?? ''),
      'ops.shards.url',
    ),
    ['url'],
  ),
)
