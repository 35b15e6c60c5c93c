import * as v from 'valibot'
import { checkInsurerNumber } from './card.ts'
import { isValidCidr } from './ip.ts'

const settings = {
  name: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'ops.insurer.name'), v.maxLength(100, 'ops.insurer.name'))),
  insuredOnly: v.optional(v.boolean('ops.insurer.flag')),
  dependentMaxAge: v.optional(v.nullable(v.pipe(v.number('ops.insurer.age'), v.integer('ops.insurer.age'), v.minValue(0, 'ops.insurer.age'), v.maxValue(120, 'ops.insurer.age')))),
  maintenance: v.optional(v.boolean('ops.insurer.flag')),
  allowedCidrs: v.optional(
    v.pipe(v.array(v.pipe(v.string(), v.check(isValidCidr, 'ops.insurer.cidr')), 'ops.insurer.cidr'), v.maxLength(100, 'ops.insurer.cidr')),
  ),
  allowlistFailureLimit: v.optional(v.pipe(v.number('ops.insurer.limit'), v.integer('ops.insurer.limit'), v.minValue(1, 'ops.insurer.limit'), v.maxValue(10_000, 'ops.insurer.limit'))),
}

/** An insurer's settings an operator may change (operator API PATCH). */
export const InsurerSettingsBody = v.strictObject(settings, 'error.validation')

/** A new insurer (platform admin): its 保険者番号 with a valid check digit, and a name. */
export const InsurerCreateBody = v.strictObject(
  {
    ...settings,
    number: v.pipe(
      v.string('ops.insurer.number'),
      v.check((raw) => checkInsurerNumber(raw).ok, 'ops.insurer.number'),
      v.transform((raw) => {
        const checked = checkInsurerNumber(raw)
        return checked.ok ? checked.number : raw
      }),
    ),
    name: v.pipe(v.string('ops.insurer.name'), v.trim(), v.minLength(1, 'ops.insurer.name'), v.maxLength(100, 'ops.insurer.name')),
  },
  'error.validation',
)

/** One batch of roster rows as the CLI reads them: the header and each row's line and fields. */
export const RosterBatchBody = v.strictObject(
  {
    header: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.minLength(1, 'ops.roster.header'), v.maxLength(100)),
    rows: v.pipe(
      v.array(
        v.strictObject({
          line: v.pipe(v.number(), v.integer(), v.minValue(1)),
          fields: v.pipe(v.array(v.pipe(v.string(), v.maxLength(1000))), v.maxLength(100)),
        }),
      ),
      v.minLength(1, 'ops.roster.rows'),
      v.maxLength(2000, 'ops.roster.rows'),
    ),
  },
  'error.validation',
)

/** Viewing codes to issue: to everyone without a live code (up to 50 a request), or to named persons. */
export const CodesIssueBody = v.strictObject({
  personKeys: v.optional(v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(64))), v.minLength(1), v.maxLength(50))),
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50))),
  reissue: v.optional(v.boolean()),
})
