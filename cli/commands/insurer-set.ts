/** `insurer set <number>`: changes the settings named by flags, and only those. */
import { isMaintenanceUntil, MAINTENANCE_MESSAGE_MAX } from '../../core/insurer.ts'
import { t } from '../i18n.ts'
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

/**
 * --maintenance-message: what members are shown during maintenance, at most the server's 500 characters once
 * trimmed (core/insurer.ts), checked before anything is sent; '' clears it (null: the standard words).
 */
function maintenanceMessage(value: string): string | null {
  const text = value.trim()
  if (text.length > MAINTENANCE_MESSAGE_MAX) {
    throw new UsageError(
      'flag_too_long',
      { flag: '--maintenance-message', length: text.length, max: MAINTENANCE_MESSAGE_MAX },
      '',
    )
  }
  return text === '' ? null : text
}

/**
 * --maintenance-until: an ISO date-time with its offset (2026-12-24T18:00+09:00), as the server takes it
 * (core/insurer.ts), checked before anything is sent; '' or none clears it.
 */
function maintenanceUntil(ctx: Context, value: string): string | null {
  const s = value.normalize('NFKC').trim()
  if (s === '' || s.toLowerCase() === 'none') return null
  if (!isMaintenanceUntil(s)) {
    throw new UsageError(
      'bad_flag_value',
      { flag: '--maintenance-until', value, expected: t(ctx.lang, 'expected_datetime_or_none') },
      '',
    )
  }
  return s
}

/**
 * The changes from the flags ('none' clears the age limit, the CIDRs and the maintenance end; '' the
 * maintenance message); at least one is needed.
 */
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
  if (typeof v['maintenance-message'] === 'string')
    b.maintenanceMessage = maintenanceMessage(v['maintenance-message'])
  if (typeof v['maintenance-until'] === 'string')
    b.maintenanceUntil = maintenanceUntil(ctx, v['maintenance-until'])
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
    'maintenance-message': { type: 'string' },
    'maintenance-until': { type: 'string' },
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
