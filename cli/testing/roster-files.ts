/**
 * Roster files for the CLI's import tests (cli/roster-import*.test.ts): written to a folder of their own
 * (removed after the test file), made by the benchmark's generator, and a fake server that answers
 * like the operator API and records every batch.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { rosterChunks } from '../../bench/gen-roster.ts'
import type { RosterBatch } from '../client.ts'
import type { PostBatch } from '../roster-import.ts'
import { rosterBatch, type RosterStore } from './fake-ops.ts'

export const dir = mkdtempSync(join(tmpdir(), 'kenshin-import-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

export const INSURER = '06139992'
let n = 0
export function fixture(content: string | Buffer, name = `roster${++n}.csv`): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

export function rosterText(rows: number, options: { crlf?: boolean } = {}): string {
  return [...rosterChunks({ rows, insurer: INSURER, crlf: options.crlf })].join('')
}

/** Answers like the server (fake-ops rules), records every batch. */
export function fakeServer(options: { delayMs?: number } = {}) {
  const store: RosterStore = new Map()
  const batches: RosterBatch[] = []
  let inFlight = 0
  let maxInFlight = 0
  const post: PostBatch = async (insurer, batch) => {
    batches.push(batch)
    inFlight++
    maxInFlight = Math.max(maxInFlight, inFlight)
    try {
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs))
      return rosterBatch(store, insurer, JSON.parse(JSON.stringify(batch)))
    } finally {
      inFlight--
    }
  }
  return { post, store, batches, maxInFlight: () => maxInFlight }
}
