// The processes of bench/national-sim.mjs: a forked process per insurer database
// (bench/lib/national-sim-shard.ts under `node --import tsx`), the import of a reduced-scale population
// into them (one batch in flight per database, every database at once) and the reads of members picked at
// random, with each database's own write time; and the checkups sent (the demo checkup's shape).
import { fork } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { spread } from './national-sim-model.mjs'

/** The demo person D0000's 2023-05-10 checkup (19 items, a real 特定健診's shape), one value varied. */
const RESULTS = readFileSync('db/seed/demo-checkups.csv', 'utf8')
  .split(/\r?\n/)
  .filter((l) => l.startsWith('D0000,2023-05-10,'))
  .map((l, i) => {
    const [, , , code, value, unit] = l.split(',')
    return { code, type: 'raw', value, ...(unit ? { unit } : {}), line: i + 2 }
  })
const personKey = (insurer, k) => `${insurer}-${String(k).padStart(7, '0')}`
const accountOf = (insurer, k) => `acc-${insurer}-${k}`
function doc(insurer, k, fy) {
  const results = RESULTS.map((r, i) =>
    i === 1 ? { ...r, value: (50 + ((k * 7 + fy) % 40) + 0.1 * (k % 10)).toFixed(1) } : r,
  )
  const month = 4 + (k % 6)
  return {
    ref: `${insurer}/${k}/${fy}`,
    personKey: personKey(insurer, k),
    examDate: `${fy}-${String(month).padStart(2, '0')}-${String(10 + (k % 18)).padStart(2, '0')}`,
    institution: '健診センター',
    source: 'csv',
    results,
  }
}

/** A deterministic PRNG (mulberry32): every run reads the same members. */
function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A forked insurer-database process and a call that sends one message and waits for its answer. */
async function startShard(name) {
  const child = fork(new URL('./national-sim-shard.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx', '--no-warnings'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const waiting = new Map()
  let next = 0
  await new Promise((resolve, reject) => {
    child.once('message', resolve)
    child.once('exit', (code) => reject(new Error(`${name} exited (${code})`)))
  })
  child.on('message', (m) => {
    const w = waiting.get(m.id)
    if (!w) return
    waiting.delete(m.id)
    if (m.ok) w.resolve(m)
    else w.reject(new Error(`${name}: ${m.error}`))
  })
  const call = (message) =>
    new Promise((resolve, reject) => {
      const id = next++
      waiting.set(id, { resolve, reject })
      child.send({ ...message, id })
    })
  return { name, child, call }
}

export async function runOn(
  k,
  population,
  {
    work,
    members: MEMBERS,
    years: YEARS,
    batch: BATCH,
    reads: READS,
    readConcurrency: READ_CONCURRENCY,
  },
) {
  const dir = join(work, `k${k}`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const layout = spread(population, k)
  const shards = await Promise.all(layout.map((d) => startShard(d.name)))
  try {
    await Promise.all(
      shards.map((s, i) =>
        s.call({ op: 'init', file: join(dir, `${s.name}.db`), insurers: layout[i].insurers }),
      ),
    )
    // Warm-up, untimed: one small batch per database (the first call compiles and fills caches).
    await Promise.all(
      shards.map((s, i) => {
        const x = layout[i].insurers.at(-1)
        return s.call({
          op: 'import',
          insurerId: x.id,
          docs: Array.from({ length: Math.min(20, x.members) }, (_, j) => doc(x.id, j, 2020)),
        })
      }),
    )
    // The import: each database's own queue of batches (its insurers, year by year, BATCH checkups a
    // batch), one batch in flight per database; every database at once.
    const perDb = layout.map(() => ({ ms: 0, cpuMs: 0, checkups: 0, batches: 0 }))
    const t0 = performance.now()
    await Promise.all(
      shards.map(async (s, i) => {
        for (let fy = 2023; fy < 2023 + YEARS; fy++)
          for (const x of layout[i].insurers)
            for (let j = 0; j < x.members; j += BATCH) {
              const docs = Array.from({ length: Math.min(BATCH, x.members - j) }, (_, n) =>
                doc(x.id, j + n, fy),
              )
              const r = await s.call({ op: 'import', insurerId: x.id, docs })
              if (r.result.inserted !== docs.length)
                throw new Error(`${s.name}: ${JSON.stringify(r.result)} of ${docs.length}`)
              perDb[i].ms += r.ms
              perDb[i].cpuMs += r.cpuMs
              perDb[i].checkups += docs.length
              perDb[i].batches++
            }
      }),
    )
    const importMs = performance.now() - t0
    const imported = perDb.reduce((s, d) => s + d.checkups, 0)
    if (imported !== MEMBERS * YEARS) throw new Error(`imported ${imported}`)

    // The reads: members picked uniformly (the same ones every run), each sent to its insurer's database,
    // READ_CONCURRENCY in flight in all.
    const random = prng(14)
    const members = population.flatMap((x) => [x.id, x.members])
    const dbOf = new Map(layout.flatMap((d, i) => d.insurers.map((x) => [x.id, i])))
    const pick = () => {
      let r = Math.floor(random() * MEMBERS)
      for (let i = 0; i < members.length; i += 2) {
        if (r < members[i + 1]) return [members[i], r]
        r -= members[i + 1]
      }
      throw new Error('no member')
    }
    const picks = Array.from({ length: READS }, pick)
    const readTimes = []
    const readDb = layout.map(() => ({ ms: 0, reads: 0 }))
    let nextRead = 0
    const r0 = performance.now()
    await Promise.all(
      Array.from({ length: READ_CONCURRENCY }, async () => {
        while (nextRead < picks.length) {
          const [insurerId, n] = picks[nextRead++]
          const i = dbOf.get(insurerId)
          const t = performance.now()
          const r = await shards[i].call({
            op: 'read',
            insurerId,
            accountId: accountOf(insurerId, n),
          })
          if (r.result.checkups < YEARS) throw new Error(`read ${r.result.checkups} checkups`)
          readTimes.push(performance.now() - t)
          readDb[i].ms += r.ms
          readDb[i].reads++
        }
      }),
    )
    const readMs = performance.now() - r0
    const dbStats = await Promise.all(shards.map((s) => s.call({ op: 'stats' })))
    return {
      k,
      layout,
      perDb,
      importMs,
      imported,
      readMs,
      readTimes,
      readDb,
      stats: dbStats.map((m) => m.result),
      load: loadavg()[0],
    }
  } finally {
    await Promise.all(shards.map((s) => s.call({ op: 'close' }).catch(() => {})))
    rmSync(dir, { recursive: true, force: true })
  }
}
