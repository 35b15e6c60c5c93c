/**
 * Scheduled jobs over every insurer database (issue 14): a Worker invocation may send 1,000 queries
 * to D1, and a nation has about 1,380 insurer databases, so a job visits at most `perCall` (100) of
 * them per call. Which ones is decided by the time, not by a cursor row: the list (in name order) is
 * cut into pages of `perCall`, and the call in time slot `floor(now / periodMs)` takes page
 * `slot mod pages`. Nothing is remembered, nothing to repair after a failed call; each database is
 * visited once every `pages` periods (a new database joins the rotation at once).
 */
export function shardSlice<T>(
  shards: readonly T[],
  now: number,
  periodMs: number,
  perCall = 100,
): T[] {
  if (shards.length <= perCall) return [...shards]
  const pages = Math.ceil(shards.length / perCall)
  const page = Math.floor(now / periodMs) % pages
  return shards.slice(page * perCall, (page + 1) * perCall)
}
