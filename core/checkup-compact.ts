/**
 * `ops checkups compact` (worker/services/checkup-compact.ts): the body of one call. Without `database`
 * the run starts at the first insurer database; the answer's `next` is the body of the next call.
 */
import * as v from 'valibot'
import { InsurerNumberField } from './staff-admin.ts'

export const CheckupCompactBody = v.strictObject(
  {
    /** Only this insurer's checkups, in the databases that hold them. */
    insurer: v.optional(InsurerNumberField),
    /** The database the run is at (a name from the shard map, as the previous answer gave it). */
    database: v.optional(
      v.pipe(
        v.string('field.invalid'),
        v.minLength(1, 'field.invalid'),
        v.maxLength(64, 'field.invalid'),
      ),
    ),
    /** The rowid after which the run goes on in that database. */
    after: v.optional(
      v.pipe(
        v.number('field.invalid'),
        v.integer('field.invalid'),
        v.minValue(0, 'field.invalid'),
        v.maxValue(Number.MAX_SAFE_INTEGER, 'field.invalid'),
      ),
    ),
  },
  'error.validation',
)
export type CheckupCompactBody = v.InferOutput<typeof CheckupCompactBody>
