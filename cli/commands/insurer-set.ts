/** `insurer set <number>`: changes the settings named by flags, and only those. */
import { UsageError } from '../errors.ts'
import type { InsurerFields } from '../client.ts'
import {
  cidrs,
  connect,
  defineCommand,
  failureLimit,
  insurerNumber,
  integer,
  onOff,
  withCommand,
  type Context,
} from '../command.ts'
import { printInsurer } from '../insurer-view.ts'

const NAME = 'insurer set'

/** The changes from the flags ('none' clears the age limit and the CIDRs); at least one is needed. */
function changes(ctx: Context): { number: string; body: InsurerFields } {
  const v = ctx.values
  const number = insurerNumber(ctx, '<number>', ctx.args[0], NAME)
  const b: InsurerFields = {}
  if (typeof v.name === 'string') {
    if (v.name.trim() === '') throw new UsageError('flag_needs_value', { flag: '--name' }, NAME)
    b.name = v.name.trim()
  }
  if (typeof v['insured-only'] === 'string')
    b.insuredOnly = onOff(ctx, '--insured-only', v['insured-only'])
  if (typeof v['dependent-max-age'] === 'string') {
    const s = v['dependent-max-age'].trim().toLowerCase()
    b.dependentMaxAge =
      s === 'none'
        ? null
        : integer(
            ctx,
            '--dependent-max-age',
            v['dependent-max-age'],
            'expected_int_or_none',
            0,
            150,
          )
  }
  if (typeof v.maintenance === 'string') b.maintenance = onOff(ctx, '--maintenance', v.maintenance)
  if (Array.isArray(v.cidr)) {
    b.allowedCidrs =
      v.cidr.length === 1 && v.cidr[0].trim().toLowerCase() === 'none' ? [] : cidrs(v.cidr)
  }
  if (typeof v['failure-limit'] === 'string') {
    b.allowlistFailureLimit = failureLimit(ctx, v['failure-limit'])
  }
  if (Object.keys(b).length === 0) throw new UsageError('nothing_to_change', {}, NAME)
  return { number, body: b }
}

export default defineCommand({
  name: NAME,
  help: 'help_insurer_set',
  options: {
    name: { type: 'string' },
    'insured-only': { type: 'string' },
    'dependent-max-age': { type: 'string' },
    maintenance: { type: 'string' },
    cidr: { type: 'string', multiple: true },
    'failure-limit': { type: 'string' },
  },
  positionals: ['number'],
  async run(ctx) {
    const { number, body } = withCommand(NAME, () => changes(ctx))
    const { client } = connect(ctx)
    printInsurer(ctx, 'insurer_updated', await client.updateInsurer(number, body))
    return 0
  },
})
