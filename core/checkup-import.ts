import * as v from 'valibot'
import { isoDate } from './card.ts'
import { importChecks, importFields } from './insurer.ts'
import { utf8Length } from './utf8.ts'

const text = (max: number) => v.pipe(v.string(), v.maxLength(max))
const date = v.pipe(
  v.string(),
  v.check((raw) => isoDate(raw) !== null, 'checkup.date.invalid'),
)

/**
 * One result as the CLI sends it: from the national XML its value form (PQ, CD/CO, ST, not
 * performed, could not be measured); from the checkup CSV `raw`, which the server reads by the
 * catalogue's kind of item.
 */
export const CheckupResultInput = v.strictObject({
  code: v.pipe(v.string(), v.regex(/^[0-9A-Za-z]{17}$/, 'checkup.code.invalid')),
  type: v.picklist(['PQ', 'CD', 'CO', 'ST', 'not_performed', 'not_measurable', 'raw']),
  value: v.optional(text(2000)),
  unit: v.optional(text(32)),
  answerCode: v.optional(text(16)),
  answerSystem: v.optional(text(64)),
  text: v.optional(text(2000)),
  bound: v.optional(v.picklist(['below', 'above'])),
  low: v.optional(text(32)),
  high: v.optional(text(32)),
  interpretation: v.optional(text(8)),
  group: v.optional(text(17)),
  line: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
})

/**
 * The most UTF-8 bytes one checkup's results may take as JSON. A checkup is stored whole, as one
 * value, and D1 refuses a value over 2,000,000 bytes: this leaves room for what the server adds
 * (items, grades, ranges) and for the escaping of the import's own JSON (worker/services/checkups.ts).
 * A real checkup's results take a few tens of KB.
 */
export const MAX_CHECKUP_RESULTS_BYTES = 1_500_000

/** One checkup: the person by person_key (CSV) or by card and birth date (XML), the exam date, results. */
export const CheckupInput = v.strictObject({
  ref: text(300),
  personKey: v.optional(text(64)),
  card: v.optional(
    v.strictObject({
      symbol: v.optional(text(40)),
      number: text(40),
      branch: v.optional(v.nullable(text(4))),
    }),
  ),
  birthDate: v.optional(date),
  examDate: date,
  institution: v.optional(text(200)),
  source: v.picklist(['csv', 'xml']),
  results: v.pipe(
    v.array(CheckupResultInput),
    v.minLength(1, 'checkup.results.empty'),
    v.maxLength(2000),
    v.check(
      (results) => utf8Length(JSON.stringify(results)) <= MAX_CHECKUP_RESULTS_BYTES,
      'checkup.results.too_large',
    ),
  ),
})

/**
 * One batch of checkups. With an import record (issue 13): `importId` and `seq` (together), `lastUnit`
 * (the last zip entry or CSV unit the batch consumed), the client's own rejections; `checkups` may then
 * be empty (a batch of only local rejections).
 */
const CheckupBatchFields = v.strictObject({
  checkups: v.pipe(v.array(CheckupInput), v.maxLength(500)),
  ...importFields,
  lastUnit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
})
export const CheckupBatchBody = v.pipe(
  CheckupBatchFields,
  ...importChecks<v.InferOutput<typeof CheckupBatchFields>>(
    'checkups',
    (b) => b.checkups.length > 0,
    'error.validation',
  ),
)

export type CheckupResultInput = v.InferOutput<typeof CheckupResultInput>
export type CheckupInput = v.InferOutput<typeof CheckupInput>
