/**
 * The import worker's job (import-job.ts) in Node, without a Worker: a real File through the shared
 * importer (core/import) and the browser adapters, against the contract's import API in memory
 * (testing/fake-import-api.ts), which records every body the worker sent.
 */
import { readFileSync } from 'node:fs'
import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { checkupDocuments, ZipWriter } from '../../../../bench/gen-checkups'
import { encodeShiftJis } from './testing/sjis'
import { handleMessage, runImportJob } from './import-job'
import type { FromWorker, StartJob } from './protocol'
import { fakeImportApi, type Sent } from './testing/fake-import-api'

const INSURER = '06139992'
const HEADER =
  '個人識別番号,保険者番号,記号,番号,枝番,氏名カナ,生年月日,性別,続柄,資格取得日,資格喪失日,郵便番号,住所'

/** `rows` valid roster rows; `short` lines (1-based data rows) lose a column (refused in the browser). */
function rosterCsv(rows: number, options: { short?: number[]; eol?: string } = {}): string {
  const eol = options.eol ?? '\n'
  const lines = [HEADER]
  for (let i = 1; i <= rows; i++) {
    const f = [
      `P${String(i).padStart(6, '0')}`,
      INSURER,
      '1200',
      String(100 + i),
      '',
      'ケンコウ　タロウ',
      '1970-01-01',
      '1',
      '1',
      '2010-04-01',
      '',
      '100-0000',
      '東京都千代田区デモ町1-1',
    ]
    if (options.short?.includes(i)) f.splice(3, 1)
    lines.push(f.join(','))
  }
  return lines.join(eol) + eol
}

function job(file: File, over: Partial<StartJob> = {}): StartJob {
  return {
    kind: 'roster',
    insurer: INSURER,
    file,
    importId: crypto.randomUUID(),
    fingerprint: 'sha256:test',
    lang: 'ja',
    ...over,
  }
}

async function run(j: StartJob, api = fakeImportApi(), deps = {}) {
  const messages: FromWorker[] = []
  await runImportJob(j, (m) => messages.push(m), {
    fetch: api.fetch,
    sleep: async () => {},
    ...deps,
  })
  const done = messages.find((m) => m.type === 'done') as Extract<FromWorker, { type: 'done' }>
  return { messages, done, api }
}

const seqs = (batches: Sent[]) => batches.map((b) => b.body.seq)

describe('the import job', () => {
  it('imports a Shift_JIS roster: tagged batches in order, local rejections with their batch, the record closed, the report', async () => {
    const text = rosterCsv(2500, { short: [7, 1800], eol: '\r\n' })
    const file = new File([encodeShiftJis(text)], 'members.csv')
    const { messages, done, api } = await run(job(file))
    expect(done).toMatchObject({ outcome: 'complete', resumable: false, failure: null })
    const kinds = messages.map((m) => m.type)
    expect(kinds[0]).toBe('opened')
    expect(kinds[1]).toBe('started')
    expect(kinds.at(-1)).toBe('done')
    expect(messages.find((m) => m.type === 'started')).toMatchObject({
      detected: 'shift_jis',
      label: 'Shift_JIS(CP932)',
    })

    const batches = api.batchesOf('roster')
    expect(seqs(batches)).toEqual([1, 2, 3])
    const importId = api.sent[0].body.id
    for (const b of batches) expect(b.body.importId).toBe(importId)
    expect(batches.flatMap((b) => b.body.rows).length).toBe(2498)
    const local = batches.flatMap((b) => b.body.localRejections ?? [])
    expect(local.map((r: unknown[]) => r[0])).toEqual([8, 1801]) // file lines (the header is line 1)
    expect(local[0][3]).toBe('column_count')
    // checkpoints: one per batch, in order, with the batch's last line
    const checkpoints = messages.filter((m) => m.type === 'checkpoint')
    expect(checkpoints.map((c) => (c as { seq: number }).seq)).toEqual([1, 2, 3])
    expect((checkpoints.at(-1) as { lastLine: number }).lastLine).toBe(2501)

    const finish = api.sent.at(-1)!
    expect(finish.path).toBe(`/api/ops/insurers/${INSURER}/imports/${importId}/finish`)
    expect(finish.body).toMatchObject({ outcome: 'complete', rowsRead: 2500, blank: 0 })
    expect(done.import?.totals).toMatchObject({ inserted: 2498, rejected: 2, rowsRead: 2500 })
    // the report is the command line's, with the server's totals
    const rows = Object.fromEntries(done.report!.rows.map((r) => [r.label, r.value]))
    expect(rows['文字コード']).toBe('Shift_JIS(CP932)')
    expect(rows['追加']).toBe('2,498')
    expect(rows['エラー']).toBe('2')
  })

  it('resumes: the batches the server has are built again but not sent, the rest are, totals exact', async () => {
    const file = new File([rosterCsv(4200)], 'big.csv')
    const api = fakeImportApi()
    const id = crypto.randomUUID()
    // a first run stopped after its second batch (a closed tab): cancel at the second checkpoint
    const first: FromWorker[] = []
    await new Promise<void>((resolve) => {
      handleMessage(
        { type: 'start', job: job(file, { importId: id }) },
        (m) => {
          first.push(m)
          if (m.type === 'checkpoint' && m.seq === 2) handleMessage({ type: 'cancel' }, () => {})
          if (m.type === 'done') resolve()
        },
        { fetch: api.fetch, sleep: async () => {} },
      )
    })
    const stopped = first.find((m) => m.type === 'done') as Extract<FromWorker, { type: 'done' }>
    expect(stopped).toMatchObject({ outcome: 'interrupted', resumable: true })
    const sentBefore = seqs(api.batchesOf('roster'))
    expect(sentBefore.length).toBeGreaterThanOrEqual(2)
    expect(sentBefore.length).toBeLessThan(5)

    const again = await run(job(file, { importId: id }), api)
    const opened = again.messages[0] as Extract<FromWorker, { type: 'opened' }>
    expect(opened.resume.seq).toBe(sentBefore.length)
    expect(opened.resume.lastLine).toBe(sentBefore.length * 1000 + 1)
    const all = seqs(api.batchesOf('roster'))
    // nothing sent twice, nothing missing
    expect(all).toEqual([1, 2, 3, 4, 5])
    expect(again.done).toMatchObject({ outcome: 'complete' })
    expect(again.done.import?.totals).toMatchObject({ inserted: 4200, updated: 0, unchanged: 0 })
    expect(api.roster.size).toBe(4200)
  })

  it('stops when the server cannot be reached after the retries: interrupted, resumable, the record kept open', async () => {
    const file = new File([rosterCsv(2500)], 'members.csv')
    const api = fakeImportApi({
      fault: (s) => (s.body?.seq === 2 ? new TypeError('Failed to fetch') : null),
    })
    const { done } = await run(job(file), api)
    expect(done).toMatchObject({ outcome: 'interrupted', resumable: true })
    expect(done.failure?.message).toMatch(/サーバーに接続できません/)
    // seq 2 tried 4 times (3 retries), the same body each time
    const twos = api.batchesOf('roster').filter((b) => b.body.seq === 2)
    expect(twos).toHaveLength(4)
    expect(new Set(twos.map((b) => JSON.stringify(b.body))).size).toBe(1)
  })

  it('says signed out on a 401 and sends nothing more, not even the finish', async () => {
    const file = new File([rosterCsv(2500)], 'members.csv')
    const api = fakeImportApi({
      fault: (s) =>
        s.body?.seq === 2
          ? new Response(JSON.stringify({ error: { code: 'unauthenticated', message: '' } }), {
              status: 401,
            })
          : null,
    })
    const { messages } = await run(job(file), api)
    expect(messages.at(-1)).toEqual({ type: 'signedOut' })
    expect(messages.some((m) => m.type === 'done')).toBe(false)
    expect(api.sent.some((s) => s.path.endsWith('/finish'))).toBe(false)
  })

  it('refuses an empty file in words, sends no batch, and closes the record as failed', async () => {
    const { done, api } = await run(job(new File([], 'empty.csv')))
    expect(done).toMatchObject({ outcome: 'failed', resumable: false })
    expect(done.failure?.message).toContain('ファイルが空です')
    expect(api.batchesOf('roster')).toHaveLength(0)
    expect(api.sent.at(-1)?.body).toMatchObject({
      outcome: 'failed',
      failure: { key: 'file_empty' },
    })
  })

  it('refuses a UTF-16 file and a file without the person-key column in the command line’s words', async () => {
    const { importJa } = await import('../../../../core/messages/import.ja')
    const utf16 = new Uint8Array([0xff, 0xfe, ...new TextEncoder().encode('a,b\n')])
    const a = await run(job(new File([utf16], 'u16.csv')))
    expect(a.done).toMatchObject({ outcome: 'failed', failure: { key: 'encoding_utf16' } })
    expect(a.done.failure?.message).toBe(importJa.encoding_utf16.replace('{file}', 'u16.csv'))
    const b = await run(job(new File(['名前,住所\nA,B\n'], 'noheader.csv')))
    expect(b.done).toMatchObject({ outcome: 'failed', failure: { key: 'csv_no_header' } })
    for (const r of [a, b]) expect(r.api.batchesOf('roster')).toHaveLength(0)
  })

  it('shows a batch refused for too many rejections in the server’s words, and closes the record as failed', async () => {
    const file = new File([rosterCsv(2500)], 'members.csv')
    const message = 'この回のデータは不合格が多すぎて記録できません。'
    const api = fakeImportApi({
      fault: (s) =>
        s.body?.seq === 2
          ? new Response(
              JSON.stringify({ error: { code: 'batch_too_many_rejections', message } }),
              { status: 413 },
            )
          : null,
    })
    const { done } = await run(job(file), api)
    expect(done).toMatchObject({ outcome: 'failed', resumable: false })
    expect(done.failure).toMatchObject({ key: 'batch_too_many_rejections', message })
    // refused once, not retried
    expect(api.batchesOf('roster').filter((b) => b.body.seq === 2)).toHaveLength(1)
    expect(api.sent.at(-1)?.body).toMatchObject({
      outcome: 'failed',
      failure: { key: 'batch_too_many_rejections', params: { status: 413 } },
    })
  })

  it('clips a failure’s long parameters in the finish (a long file name), so the record is closed', async () => {
    const name = `${'長'.repeat(400)}.csv`
    const { done, api } = await run(job(new File([], name)))
    expect(done).toMatchObject({ outcome: 'failed', failure: { key: 'file_empty' } })
    const finish = api.sent.at(-1)?.body as { failure: { params: { file: string } } }
    expect(finish.failure.params.file).toBe('長'.repeat(300))
    expect(done.import?.outcome).toBe('failed')
  })

  it('answers in English when asked', async () => {
    const { done } = await run(job(new File([], 'empty.csv'), { lang: 'en' }))
    expect(done.failure?.message).toMatch(/empty/i)
  })

  it('sends at most 4 progress messages a second', async () => {
    let clock = 0
    const file = new File([rosterCsv(3000)], 'members.csv')
    const { messages } = await run(job(file, { batchSize: 100 }), fakeImportApi(), {
      now: () => (clock += 10),
    })
    const progress = messages.filter((m) => m.type === 'progress')
    // 30 batches, 10 ms apart each call: far fewer messages than callbacks, the last always sent
    expect(progress.length).toBeGreaterThan(1)
    expect(progress.length).toBeLessThan(30)
    expect((progress.at(-1) as { done: number }).done).toBe(3000)
  })

  it('imports the demo checkups CSV: tagged checkup batches, lastUnit rising, the checkup report', async () => {
    const bytes = readFileSync('db/seed/demo-checkups.csv')
    const file = new File([bytes], 'demo-checkups.csv')
    const { messages, done, api } = await run(job(file, { kind: 'checkups', batchSize: 10 }))
    expect(done).toMatchObject({ outcome: 'complete', failure: null })
    expect(messages.find((m) => m.type === 'started')).toMatchObject({ detected: 'csv' })
    const batches = api.batchesOf('checkups')
    expect(batches.length).toBeGreaterThan(1)
    expect(seqs(batches)).toEqual(batches.map((_, i) => i + 1))
    const units = batches.map((b) => b.body.lastUnit as number)
    expect(units).toEqual([...units].sort((a, b) => a - b))
    const sent = batches.flatMap((b) => b.body.checkups).length
    expect(done.import?.totals.inserted).toBe(sent)
    expect(api.checkups.size).toBe(sent)
    const rows = Object.fromEntries(done.report!.rows.map((r) => [r.label, r.value]))
    expect(rows['読み込んだ健診']).toBe(String(sent))
    expect(rows['追加']).toBe(String(sent))
  })

  it('imports a zip of checkup documents, and resumes it without sending a batch twice', async () => {
    const parts: Buffer[] = []
    const out = new Writable({
      write(chunk, _encoding, done) {
        parts.push(chunk)
        done()
      },
    })
    const zip = new ZipWriter(out)
    for (const d of checkupDocuments({ docs: 60, insurer: INSURER, seed: 3 }))
      await zip.add(d.name, d.xml)
    await zip.add('../evil.xml', '<x/>')
    await zip.close()
    const file = new File([Buffer.concat(parts)], 'checkups.zip')
    const api = fakeImportApi()
    const id = crypto.randomUUID()
    const first: FromWorker[] = []
    await new Promise<void>((resolve) => {
      handleMessage(
        { type: 'start', job: job(file, { kind: 'checkups', importId: id, batchSize: 5 }) },
        (m) => {
          first.push(m)
          if (m.type === 'checkpoint' && m.seq === 1) handleMessage({ type: 'cancel' }, () => {})
          if (m.type === 'done') resolve()
        },
        { fetch: api.fetch, sleep: async () => {} },
      )
    })
    expect(first.find((m) => m.type === 'started')).toMatchObject({ detected: 'zip' })
    expect(first.find((m) => m.type === 'done')).toMatchObject({ outcome: 'interrupted' })
    const before = seqs(api.batchesOf('checkups'))

    const again = await run(job(file, { kind: 'checkups', importId: id, batchSize: 5 }), api)
    expect(again.done).toMatchObject({ outcome: 'complete' })
    const all = api.batchesOf('checkups')
    expect(seqs(all)).toEqual(all.map((_, i) => i + 1)) // each seq once, in order
    expect(seqs(all).slice(0, before.length)).toEqual(before)
    expect(before.length).toBeLessThan(all.length) // the second run did send the rest
    expect(all.flatMap((b) => b.body.checkups)).toHaveLength(60)
    expect(api.checkups.size).toBe(60)
    const units = all.map((b) => b.body.lastUnit as number)
    expect(units).toEqual([...units].sort((a, b) => a - b))
    // the ../ entry: refused alone, by name and reason, with its batch
    const local = all.flatMap((b) => b.body.localRejections ?? [])
    expect(local).toHaveLength(1)
    expect(local[0]).toContain('../evil.xml')
    expect(again.done.report!.rejections.join('\n')).toContain('危険な名前のファイルです')
  })
})
