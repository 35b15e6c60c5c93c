/**
 * importRoster (cli/roster-import.ts) on bad input: rejected rows and their file, an unclosed quote, a
 * failing server, a file without a header; and a 200,000-row file in bounded memory.
 */
import { createWriteStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { once } from 'node:events'
import { finished } from 'node:stream/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BatchResult } from './client.ts'
import { rosterChunks } from '../bench/gen-roster.ts'
import { OpsError } from './errors.ts'
import { formatReport } from './commands/roster-import.ts'
import { importRoster, rejectedPathFor } from './roster-import.ts'
import { dir, fakeServer, fixture, INSURER, rosterText } from './testing/roster-files.ts'

describe('importRoster', () => {
  it('rejects bad rows with line, column and reason, writes them all beside the input, imports the rest', async () => {
    const lines = rosterText(60).trimEnd().split('\n')
    // every third data row is broken: a bad date (server), a short row (here), a wrong insurer (server)
    for (let i = 1; i < lines.length; i += 3) {
      const kind = (i - 1) / 3
      const f = lines[i].split(',')
      if (kind % 3 === 0) f[6] = '1990-02-30'
      else if (kind % 3 === 1) f.splice(3, 1)
      else f[1] = '06132013'
      lines[i] = f.join(',')
    }
    const file = fixture(lines.join('\n') + '\n', 'members.csv')
    const fake = fakeServer()
    const result = await importRoster({ file, insurer: INSURER, post: fake.post, batchSize: 7 })
    expect(result.fatal).toBeNull()
    expect(result.rowsRead).toBe(60)
    expect(result.rejected).toBe(20)
    expect(result.inserted).toBe(40)
    expect(result.rejections).toBe(20)
    // the short rows were never sent
    expect(fake.batches.flatMap((b) => b.rows).length).toBe(60 - 7)
    expect(result.firstRejections).toHaveLength(20)
    expect(result.firstRejections[0]).toEqual({
      line: 2,
      column: '生年月日',
      reason: 'invalid_date',
      message: 'not a date',
    })
    expect(result.firstRejections[1]).toEqual({
      line: 5,
      column: '-',
      reason: 'column_count',
      message: '列の数が 12 です(見出しは 13 列)',
    })
    expect(result.firstRejections[2]).toMatchObject({
      line: 8,
      column: '保険者番号',
      reason: 'insurer_mismatch',
    })

    const rejectedFile = join(dir, 'members.rejected.csv')
    expect(result.rejectedFile).toBe(rejectedFile)
    expect(rejectedPathFor(file)).toBe(rejectedFile)
    const bytes = readFileSync(rejectedFile)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const csv = bytes.toString('utf8').slice(1).split('\r\n')
    expect(csv[0]).toBe('行番号,列,理由,コード')
    expect(csv[1]).toBe('2,生年月日,not a date,invalid_date')
    expect(csv[2]).toBe('5,-,列の数が 12 です(見出しは 13 列),column_count')
    expect(csv.filter((l) => l !== '')).toHaveLength(21)
    const fileLines = csv.slice(1, -1).map((l) => Number(l.split(',')[0]))
    expect(fileLines).toEqual([...fileLines].sort((a, b) => a - b))

    // the report shows the first 20 and how many more
    const many = fakeServer()
    const all = lines.map((l, i) => (i === 0 ? l : l.replace(/,[12],([12]),/, ',9,$1,'))) // every sex invalid
    const bad = await importRoster({
      file: fixture(all.join('\n'), 'many.csv'),
      insurer: INSURER,
      post: many.post,
      lang: 'en',
    })
    expect(bad.rejected).toBe(60)
    expect(bad.firstRejections).toHaveLength(20)
    const report = formatReport('en', bad).join('\n')
    expect(report).toContain('line 5  column -  column count 12, expected 13')
    expect(report).toMatch(/… \d+ more/)
    expect(report).toContain('many.rejected.csv')
    expect(readFileSync(join(dir, 'many.rejected.csv'), 'utf8').split('\r\n')[0]).toBe(
      '\uFEFFline,column,reason,code',
    )
  })

  it('rejects a row with a field the server would refuse the whole batch for, and shows an empty column as -', async () => {
    const lines = rosterText(5).trimEnd().split('\n')
    lines[2] = lines[2].replace(/デモ町/, 'デモ町' + 'あ'.repeat(1001))
    const sent: number[] = []
    const result = await importRoster({
      file: fixture(lines.join('\n')),
      insurer: INSURER,
      post: async (_i, batch) => {
        sent.push(...batch.rows.map((r) => r.line))
        return {
          inserted: batch.rows.length - 1,
          updated: 0,
          unchanged: 0,
          rejected: [
            {
              line: 5,
              column: '',
              reason: 'roster.row.too_many_fields',
              message: 'too many fields',
            },
          ],
        }
      },
    })
    expect(sent).toEqual([2, 4, 5, 6])
    expect(result.firstRejections).toEqual([
      {
        line: 3,
        column: '住所',
        reason: 'field_too_long',
        message: '1000 文字を超える項目があります',
      },
      { line: 5, column: '-', reason: 'roster.row.too_many_fields', message: 'too many fields' },
    ])
    expect(result.rejected).toBe(2)
  })

  it('removes a stale rejection file when a run has no rejections', async () => {
    const file = fixture(rosterText(10), 'clean.csv')
    const stale = join(dir, 'clean.rejected.csv')
    writeFileSync(stale, 'old')
    const result = await importRoster({ file, insurer: INSURER, post: fakeServer().post })
    expect(result.rejected).toBe(0)
    expect(result.rejectedFile).toBeNull()
    expect(existsSync(stale)).toBe(false)
  })

  it('imports the rows before an unclosed quote, then fails naming its line', async () => {
    const lines = rosterText(30).trimEnd().split('\n')
    lines[26] = lines[26].replace(/,(\d{4}-\d\d-\d\d),/, ',"$1,') // line 27 opens a quote that never closes
    expect(lines[26]).toContain(',"')
    const fake = fakeServer()
    const result = await importRoster({
      file: fixture(lines.join('\n') + '\n'),
      insurer: INSURER,
      post: fake.post,
      batchSize: 10,
    })
    expect(result.fatal?.key).toBe('csv_unclosed_quote')
    expect(result.fatal?.params.line).toBe(27)
    expect(result.complete).toBe(false)
    expect(result.inserted).toBe(25)
    expect(fake.store.get(INSURER)?.size).toBe(25)
  })

  it('stops cleanly when the server fails', async () => {
    const file = fixture(rosterText(5000))
    let calls = 0
    const result = await importRoster({
      file,
      insurer: INSURER,
      batchSize: 100,
      post: async (): Promise<BatchResult> => {
        calls++
        if (calls === 3)
          throw new OpsError('unreachable', { url: 'http://x', detail: 'ECONNRESET' })
        await new Promise((r) => setTimeout(r, 5))
        return { inserted: 100, updated: 0, unchanged: 0, rejected: [] }
      },
    })
    expect(result.fatal?.key).toBe('unreachable')
    expect(result.complete).toBe(false)
    expect(calls).toBeLessThanOrEqual(4)
    expect(result.inserted).toBeLessThanOrEqual(300)
    expect(result.rowsRead).toBeLessThan(5000)
  })

  it('fails before sending anything without a header, or with an empty file', async () => {
    const fake = fakeServer()
    const noHeader = await importRoster({
      file: fixture(rosterText(5).split('\n').slice(1).join('\n')),
      insurer: INSURER,
      post: fake.post,
    })
    expect(noHeader.fatal?.key).toBe('csv_no_header')
    const empty = await importRoster({ file: fixture(''), insurer: INSURER, post: fake.post })
    expect(empty.fatal?.key).toBe('file_empty')
    const missing = await importRoster({
      file: join(dir, 'nope.csv'),
      insurer: INSURER,
      post: fake.post,
    })
    expect(missing.fatal?.key).toBe('file_unreadable')
    expect(fake.batches).toHaveLength(0)
    const headerOnly = await importRoster({
      file: fixture(rosterText(0)),
      insurer: INSURER,
      post: fake.post,
    })
    expect(headerOnly).toMatchObject({ fatal: null, complete: true, rowsRead: 0, batches: 0 })
  })

  it('imports 200,000 rows in bounded memory', async () => {
    const file = join(dir, 'big.csv')
    const out = createWriteStream(file)
    for (const chunk of rosterChunks({ rows: 200_000, insurer: INSURER, crlf: true })) {
      if (!out.write(chunk)) await once(out, 'drain')
    }
    out.end()
    await finished(out)
    expect(statSync(file).size).toBeGreaterThan(25_000_000)

    const base = process.memoryUsage().rss
    let peak = base
    const sample = () => {
      peak = Math.max(peak, process.memoryUsage().rss)
    }
    const timer = setInterval(sample, 20)
    let rows = 0
    try {
      const result = await importRoster({
        file,
        insurer: INSURER,
        // like the real client: the batch becomes a JSON body; nothing is kept
        post: async (_insurer, batch) => {
          const body = JSON.stringify(batch)
          rows += batch.rows.length
          await new Promise((r) => setImmediate(r))
          return {
            inserted: body.length > 0 ? batch.rows.length : 0,
            updated: 0,
            unchanged: 0,
            rejected: [],
          }
        },
        onProgress: sample,
      })
      expect(result.fatal).toBeNull()
      expect(result.inserted).toBe(200_000)
    } finally {
      clearInterval(timer)
    }
    expect(rows).toBe(200_000)
    const growthMb = (peak - base) / 1024 / 1024
    if (process.env.KENSHIN_SHOW_MEMORY) console.log(`rss growth ${growthMb.toFixed(1)} MB`)
    expect(growthMb).toBeLessThan(150)
  })
})
