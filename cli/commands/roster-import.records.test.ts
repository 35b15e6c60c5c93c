/**
 * `roster import` keeps a record of each import on the server (POST /insurers/:n/imports, each batch tagged
 * with its id and seq, then …/finish), and goes on untracked against a server without import records.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { rosterChunks } from '../../bench/gen-roster.ts'
import { fileFingerprint } from '../../core/import/fingerprint.ts'
import { bytesSource } from '../../core/import/source.ts'
import { dir, fake, rosterImport } from '../testing/ops-child.ts'

const batchesOf = (importId: string | undefined) =>
  fake.requests
    .filter((r) => r.path.endsWith('/roster/batches'))
    .map((r) => r.body as { importId?: string; seq?: number; rows: unknown[] })
    .filter((b) => b.importId === importId)

describe('ops: roster import records', () => {
  it('records the import: the file, its batches by seq, and how it ended', async () => {
    const file = join(dir, 'records.csv')
    const lines = [...rosterChunks({ rows: 2500, seed: 3 })].join('').split('\n')
    lines[5] = lines[5].split(',').slice(0, 4).join(',') // line 6: refused here
    writeFileSync(file, lines.join('\n') + ',,,,,,,,,,,,\n') // and a blank row
    const run = await rosterImport(file, '--batch', '1000')
    expect(run.code).toBe(0)

    expect(fake.imports.size).toBe(1)
    const [[id, record]] = [...fake.imports]
    const bytes = readFileSync(file)
    expect(record.start).toEqual({
      id,
      kind: 'roster',
      source: 'cli',
      fileName: 'records.csv',
      fileSize: bytes.length,
      fingerprint: await fileFingerprint(bytesSource(file, bytes)),
    })
    expect([...record.batches.keys()].sort()).toEqual([1, 2, 3])
    const sent = batchesOf(id)
    expect(sent.map((b) => b.seq).sort()).toEqual([1, 2, 3])
    const first = sent.find((b) => b.seq === 1) as { localRejections?: unknown[] }
    expect(first.localRejections).toEqual([
      [6, '-', '列の数が 4 です(見出しは 13 列)', 'column_count'],
    ])
    expect(record.finish).toEqual({
      outcome: 'complete',
      rowsRead: 2500,
      blank: 1,
      detected: 'UTF-8',
    })
  })

  it('records a failure with its message key', async () => {
    fake.imports.clear()
    const file = join(dir, 'broken.csv')
    writeFileSync(file, [...rosterChunks({ rows: 10 })].join('') + 'P1,"never closed\n')
    const run = await rosterImport(file)
    expect(run.code).toBe(1)
    const [record] = [...fake.imports.values()]
    expect(record.finish).toMatchObject({
      outcome: 'failed',
      rowsRead: 10,
      failure: { key: 'csv_unclosed_quote', params: { line: 12 } },
    })
  })

  it('imports untracked, as before, against a server without import records', async () => {
    fake.imports.clear()
    fake.noImports = true
    try {
      const file = join(dir, 'old-server.csv')
      writeFileSync(file, [...rosterChunks({ rows: 30, seed: 9 })].join(''))
      const before = batchesOf(undefined).length
      const run = await rosterImport(file)
      expect(run.code).toBe(0)
      expect(fake.imports.size).toBe(0)
      expect(batchesOf(undefined).length).toBe(before + 1)
    } finally {
      fake.noImports = false
    }
  })
})
