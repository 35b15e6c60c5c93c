// What the parts of bench/roster-import.mjs share: where and how large, the ports, waiting for a quiet
// machine, and how a run is printed.
import { mkdirSync } from 'node:fs'
import { loadavg } from 'node:os'
import { setTimeout as delay } from 'node:timers/promises'

export const OUT = 'bench/out'
export const SERVER_PORT = 8792
export const CEILING_PORT = 8793
export const STANDIN_PORT = 8794
export const INSURER = '06139992'
export const SMALL = Number(process.env.ROWS_SMALL ?? 100_000)
export const LARGE = Number(process.env.ROWS_LARGE ?? 1_000_000)
const QUIET_LOAD = Number(process.env.QUIET_LOAD ?? 0)
mkdirSync(OUT, { recursive: true })

/** With QUIET_LOAD, waits (up to 2 min) until the 1-minute load average is below it. */
export async function quiet(label) {
  if (!QUIET_LOAD) return
  for (let i = 0; i < 24 && loadavg()[0] >= QUIET_LOAD; i++) {
    if (i === 0)
      console.log(
        `  (waiting for load < ${QUIET_LOAD} before ${label}: ${loadavg()[0].toFixed(2)})`,
      )
    await delay(5000)
  }
}

export const fmt = (n) => Math.round(n).toLocaleString('en-US')
export const rate = (rows, ms) => (rows * 1000) / ms
