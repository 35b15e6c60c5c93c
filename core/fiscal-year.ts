/**
 * The Japanese fiscal year (年度) of a date: April to March, named by the year it starts in.
 * `fiscalYearOf('2026-05-10') === 2026`, `fiscalYearOf('2026-03-31') === 2025`.
 * The shard map splits the largest insurers' checkups by these years (docs/scale.md).
 */
export function fiscalYearOf(isoDate: string): number {
  const match = /^(\d{4})-(\d{2})/.exec(isoDate)
  if (!match) throw new RangeError('fiscalYearOf: not an ISO date')
  const year = Number(match[1])
  const month = Number(match[2])
  if (month < 1 || month > 12) throw new RangeError('fiscalYearOf: not an ISO date')
  return month >= 4 ? year : year - 1
}
