/** `insurer create` (admin): a new insurer, its settings from the flags; the others take the server's defaults. */
import { UsageError } from '../errors.ts'
import { t } from '../i18n.ts'
import type { InsurerCreate } from '../client.ts'
import {
  cidrs,
  connect,
  defineCommand,
  failureLimit,
  insurerNumber,
  integer,
  withCommand,
  type Context,
} from '../command.ts'
import { printInsurer } from '../insurer-view.ts'

const NAME = 'insurer create'

/** The request body from the flags; a usage error for a missing or bad one, before anything is sent. */
function body(ctx: Context): InsurerCreate {
  const v = ctx.values
  if (typeof v.number !== 'string') throw new UsageError('missing_flag', { flag: '--number' }, NAME)
  if (typeof v.name !== 'string' || v.name.trim() === '')
    throw new UsageError('missing_flag', { flag: '--name' }, NAME)
  const b: InsurerCreate = {
    number: insurerNumber(ctx, '--number', v.number, NAME),
    name: v.name.trim(),
  }
  if (v['insured-only']) b.insuredOnly = true
  if (typeof v['dependent-max-age'] === 'string') {
    b.dependentMaxAge = integer(
      ctx,
      '--dependent-max-age',
      v['dependent-max-age'],
      'expected_integer',
      0,
      150,
    )
  }
  if (v.maintenance) b.maintenance = true
  // The insurer database (issue 14); the server checks it names an active one.
  if (typeof v.database === 'string') {
    if (!/^[a-z0-9_-]{1,40}$/.test(v.database))
      throw new UsageError(
        'bad_flag_value',
        { flag: '--database', value: v.database, expected: t(ctx.lang, 'expected_database') },
        NAME,
      )
    b.database = v.database
  }
  if (Array.isArray(v.cidr)) b.allowedCidrs = cidrs(v.cidr)
  if (typeof v['failure-limit'] === 'string') {
    b.allowlistFailureLimit = failureLimit(ctx, v['failure-limit'])
  }
  return b
}

export default defineCommand({
  name: NAME,
  help: 'help_insurer_create',
  options: {
    number: { type: 'string' },
    name: { type: 'string' },
    'insured-only': { type: 'boolean' },
    'dependent-max-age': { type: 'string' },
    maintenance: { type: 'boolean' },
    cidr: { type: 'string', multiple: true },
    'failure-limit': { type: 'string' },
    database: { type: 'string' },
  },
  positionals: [],
  async run(ctx) {
    const fields = withCommand(NAME, () => body(ctx))
    const { client } = connect(ctx)
    printInsurer(ctx, 'insurer_created', await client.createInsurer(fields))
    return 0
  },
})
