// The national-size model of bench/national-sim.mjs (issue 14): the sizes of Japan's 健康保険組合 drawn
// from a log-normal fitted to published totals, their checkups over ten years, and how many insurer
// databases they need under D1's 10 GB (each filled to a target), the largest split by fiscal-year
// ranges. Pure functions: no I/O, no randomness (the draws are the distribution's stratified quantiles,
// so every run gives the same table).

/**
 * The published figures the fit rests on (docs/scale.md cites them):
 * - 健保連「健康保険組合の現勢」(2019-03-31): 1,391 societies, 16,718,676 insured, 12,821,704 dependents,
 *   the largest society 489,326 insured (総合; the largest 単一 229,329).
 *   https://kenporen.com/book/kenpo_news/detail/1911/191101_08.shtml
 * - The founding minimum: 700 insured for a 単一 society (3,000 for a 総合).
 *   https://dictionary.goo.ne.jp/jn/69594/meaning/m0u/
 * - About 1,380 societies today (1,378 in 健保連's FY2024 settlement estimate; the issue's figure).
 * The band table 被保険者数階級別組合数 (現勢 / 厚労省「健康保険・船員保険事業年報」) would replace the
 * fit; it was not found in the sources searchable from here.
 */
export const PUBLISHED = {
  societies2019: 1391,
  insured2019: 16_718_676,
  dependents2019: 12_821_704,
  largestInsured: 489_326,
  minimumInsured: 700,
  societiesNow: 1380,
}

/** Members (insured and dependents) per insured person: 1 + 12,821,704 / 16,718,676 ≈ 1.77. */
export const MEMBERS_PER_INSURED = 1 + PUBLISHED.dependents2019 / PUBLISHED.insured2019

// ------------------------------------------------------------------------------ the normal distribution

/** The standard normal CDF (Abramowitz–Stegun 7.1.26 on erf, |error| < 1.5e-7). */
export function phi(z) {
  const x = Math.abs(z) / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * x)
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x)
  return z >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y)
}

/** The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function phiInv(p) {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ]
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
    -13.28068155288572,
  ]
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ]
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416]
  const lo = 0.02425
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p))
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    )
  }
  if (p > 1 - lo) return -phiInv(1 - p)
  const q = p - 0.5
  const r = q * q
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  )
}

// --------------------------------------------------------------------------------- the fitted log-normal

/**
 * n sizes (insured persons) from a log-normal(mu, sigma) truncated below at `floor`: the quantiles
 * (i + 0.5) / n of the truncated distribution, largest first.
 */
export function stratifiedSizes({ mu, sigma, floor }, n) {
  const p0 = phi((Math.log(floor) - mu) / sigma)
  return Array.from({ length: n }, (_, i) => {
    const p = p0 + (1 - p0) * ((n - i - 0.5) / n)
    return Math.exp(mu + sigma * phiInv(p))
  })
}

/**
 * The log-normal truncated at the founding minimum whose stratified draw of the published number of
 * societies has the published mean size and the published largest society: solved by bisection on
 * sigma (for each sigma, mu is set by the largest; the mean then falls as sigma rises).
 */
export function fitLogNormal({
  n = PUBLISHED.societies2019,
  mean = PUBLISHED.insured2019 / PUBLISHED.societies2019,
  largest = PUBLISHED.largestInsured,
  floor = PUBLISHED.minimumInsured,
} = {}) {
  const muFor = (sigma) => {
    // The largest draw is at quantile p0 + (1 - p0)(1 - 0.5/n); p0 depends on mu: a few fixed-point steps.
    let mu = Math.log(largest) - 3 * sigma
    for (let k = 0; k < 50; k++) {
      const p0 = phi((Math.log(floor) - mu) / sigma)
      mu = Math.log(largest) - sigma * phiInv(p0 + (1 - p0) * (1 - 0.5 / n))
    }
    return mu
  }
  const meanFor = (sigma) => {
    const fit = { mu: muFor(sigma), sigma, floor }
    const sizes = stratifiedSizes(fit, n)
    return sizes.reduce((s, x) => s + x, 0) / n
  }
  let lo = 0.3
  let hi = 4
  for (let k = 0; k < 80; k++) {
    const mid = (lo + hi) / 2
    // A wider spread with the same largest puts the body lower: the mean falls as sigma grows.
    if (meanFor(mid) > mean) lo = mid
    else hi = mid
  }
  const sigma = (lo + hi) / 2
  return { mu: muFor(sigma), sigma, floor }
}

/** The insurers of the simulation: `n` societies, insured and members each, largest first. */
export function drawInsurers(fit, n = PUBLISHED.societiesNow) {
  return stratifiedSizes(fit, n).map((insured, i) => {
    const ins = Math.round(insured)
    return {
      id: `S${String(i + 1).padStart(4, '0')}`,
      insured: ins,
      members: Math.round(ins * MEMBERS_PER_INSURED),
    }
  })
}

// ------------------------------------------------------------------------------------ databases needed

export const GB = 1e9

/**
 * Places insurers in databases of `capacity` bytes filled to `fill` (D1: 10 GB): each insurer's
 * `years` years of checkups (one per member and year: an upper bound, 特定健診 covers ages 40–74 and not
 * everyone attends) at `bytesPerCheckup`, and its roster at `bytesPerMember`. An insurer bigger than a
 * database is split by fiscal-year ranges, each range a database of its own holding as many whole years as
 * fit (its roster in the first); the rest are packed first-fit decreasing.
 */
export function packDatabases(
  insurers,
  { bytesPerCheckup, bytesPerMember, years = 10, capacity = 10 * GB, fill = 0.7 },
) {
  const target = capacity * fill
  const bins = []
  const split = []
  const sized = insurers
    .map((x) => ({
      ...x,
      perYear: x.members * bytesPerCheckup,
      roster: x.members * bytesPerMember,
    }))
    .map((x) => ({ ...x, bytes: x.roster + x.perYear * years }))
    .sort((a, b) => b.bytes - a.bytes)
  for (const x of sized) {
    if (x.bytes > target) {
      const yearsPerRange = Math.floor((target - x.roster) / x.perYear)
      if (yearsPerRange < 1)
        throw new Error(`${x.id}: one year (${x.perYear} B) does not fit a database`)
      const ranges = []
      for (let y = 0; y < years; y += yearsPerRange) {
        const n = Math.min(yearsPerRange, years - y)
        // A year's import goes to the range holding the newest years: the last one.
        const yearly = y + n >= years ? x.members : 0
        const bin = {
          bytes: n * x.perYear + (y === 0 ? x.roster : 0),
          insurers: [x.id],
          ranges: 1,
          yearly,
        }
        bins.push(bin)
        ranges.push({ fromYear: y, years: n, bytes: bin.bytes })
      }
      split.push({ id: x.id, members: x.members, perYear: x.perYear, yearsPerRange, ranges })
      continue
    }
    const bin = bins.find((b) => b.ranges === 0 && b.bytes + x.bytes <= target)
    if (bin) {
      bin.bytes += x.bytes
      bin.insurers.push(x.id)
      bin.yearly += x.members
    } else bins.push({ bytes: x.bytes, insurers: [x.id], ranges: 0, yearly: x.members })
  }
  // The model's own checks: everyone placed once, no database over its target.
  const placed = bins.reduce((s, b) => s + (b.ranges ? 0 : b.insurers.length), 0) + split.length
  if (placed !== insurers.length) throw new Error(`placed ${placed} of ${insurers.length} insurers`)
  if (bins.some((b) => b.bytes > target)) throw new Error('a database over its target')
  const total = sized.reduce((s, x) => s + x.bytes, 0)
  const sum = bins.reduce((s, b) => s + b.bytes, 0)
  if (Math.abs(total - sum) > 1) throw new Error('bytes lost in packing')
  return { bins, split, total, target, largest: sized[0] }
}

/** Bands of members for the distribution table. */
export const BANDS = [
  [0, 5_000],
  [5_000, 10_000],
  [10_000, 30_000],
  [30_000, 100_000],
  [100_000, 300_000],
  [300_000, Infinity],
]

export function bandsOf(insurers) {
  return BANDS.map(([lo, hi]) => {
    const xs = insurers.filter((x) => x.members >= lo && x.members < hi)
    return { lo, hi, n: xs.length, members: xs.reduce((s, x) => s + x.members, 0) }
  })
}

/**
 * The reduced-scale population: `n` insurers at the same distribution's stratified quantiles, scaled so
 * that their members add up to `members` (each at least `min`), largest first.
 */
export function reducedPopulation(fit, { n = 40, members = 20_000, min = 20 } = {}) {
  const sizes = stratifiedSizes(fit, n).map((x) => x * MEMBERS_PER_INSURED)
  const total = sizes.reduce((s, x) => s + x, 0)
  const out = sizes.map((x, i) => ({
    id: `R${String(i + 1).padStart(2, '0')}`,
    members: Math.max(min, Math.round((x * members) / total)),
  }))
  // Rounding and the floor move the total a little: the largest takes up the difference.
  out[0].members += members - out.reduce((s, x) => s + x.members, 0)
  return out
}

/** Spreads insurers over `k` databases, the largest first into the least loaded (what an operator would do). */
export function spread(insurers, k) {
  const dbs = Array.from({ length: k }, (_, i) => ({
    name: `db${i + 1}`,
    members: 0,
    insurers: [],
  }))
  for (const x of [...insurers].sort((a, b) => b.members - a.members)) {
    const db = dbs.reduce((m, d) => (d.members < m.members ? d : m))
    db.members += x.members
    db.insurers.push(x)
  }
  return dbs
}
