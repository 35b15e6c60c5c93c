import { mkdtempSync, readFileSync, existsSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BatchSender, csvField, RejectionFile, type Cells } from './batches.ts'
import type { ImportError } from '../core/import/errors.ts'
import { OpsError } from './errors.ts'

describe('csvField', () => {
  it('quotes when needed and defuses spreadsheet formulas', () => {
    expect(csvField('abc')).toBe('abc')
    expect(csvField(12)).toBe('12')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "x"')).toBe('"say ""x"""')
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
  })

  // OWASP CSV injection: every cell that starts with = + - @, a tab or CR, or their full-width forms.
  it.each([
    ['=1+2', "'=1+2"],
    ['+1+2', "'+1+2"],
    ['-1+2', "'-1+2"],
    ['-1', "'-1"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', '"\'\r=1"'],
    ['＝1+2', "'＝1+2"],
    ['＋1', "'＋1"],
    ['－1', "'－1"],
    ['＠SUM(A1)', "'＠SUM(A1)"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
  ])('prefixes %j', (cell, written) => {
    expect(csvField(cell)).toBe(written)
  })

  // The sign alone is the rejection files' mark of a missing column: nothing follows it to compute.
  it.each(['1-2', 'a=b', '山田 太郎', '123-4567', "'=1", '-', '＝'])(
    'leaves %j as it is',
    (cell) => {
      expect(csvField(cell)).toBe(cell)
    },
  )

  it('writes numbers of our own (counts, line numbers) as numbers, negative ones too', () => {
    expect(csvField(-1)).toBe('-1')
    expect(csvField(0)).toBe('0')
  })

  it('escapes what a rejection file and a postcard file hold', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-csv-'))
    const file = new RejectionFile(join(dir, 'roster.rejected.csv'), '行番号,値')
    await file.write([
      [7, '-1+2'],
      [8, '＝HYPERLINK("http://x")'],
    ])
    const path = await file.close()
    expect(readFileSync(path!, 'utf8')).toBe(
      '\uFEFF行番号,値\r\n7,\'-1+2\r\n8,"\'＝HYPERLINK(""http://x"")"\r\n',
    )
  })
})

/** A request the test answers by hand, in any order. */
function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

function setUp(maxInFlight = 2) {
  const dir = mkdtempSync(join(tmpdir(), 'kp-batches-'))
  const file = new RejectionFile(join(dir, 'in.rejected.csv'), '行番号,理由')
  const requests: Array<{ batch: number; answer: ReturnType<typeof deferred<string[]>> }> = []
  const settled: number[] = []
  const failures: ImportError[] = []
  const sender = new BatchSender<number, string[]>({
    maxInFlight,
    rejectionFile: file,
    post: (batch) => {
      if (batch < 0) return null // nothing for the server
      const answer = deferred<string[]>()
      requests.push({ batch, answer })
      return answer.promise
    },
    settle: (batch, answer): Cells[] => {
      settled.push(batch)
      return (answer ?? [`local ${batch}`]).map((reason) => [batch, reason])
    },
    onFailure: (error) => failures.push(error),
    onProgress: () => {},
  })
  return { dir, file, sender, requests, settled, failures }
}

describe('BatchSender', () => {
  it('keeps at most maxInFlight batches on the wire and counts answers in the order sent', async () => {
    const { file, sender, requests, settled } = setUp(2)
    await sender.send(1)
    await sender.send(2)
    expect(requests.map((r) => r.batch)).toEqual([1, 2])
    // A third waits for the oldest answer, however the answers arrive.
    let thirdSent = false
    const third = sender.send(3).then(() => (thirdSent = true))
    requests[1].answer.resolve(['two'])
    await new Promise((r) => setTimeout(r, 10))
    expect(thirdSent).toBe(false)
    expect(settled).toEqual([])
    requests[0].answer.resolve(['one'])
    await third
    // One place freed is enough for the third; the second is counted when a fourth needs room.
    expect(settled).toEqual([1])
    expect(requests.map((r) => r.batch)).toEqual([1, 2, 3])
    await sender.send(-4) // only local rejections: no request
    requests[2].answer.resolve([])
    expect(await sender.finish()).toBe(file.path)
    expect(settled).toEqual([1, 2, 3, -4])
    expect(sender.sent).toBe(4)
    expect(requests).toHaveLength(3)
    expect(readFileSync(file.path, 'utf8')).toBe(
      '\uFEFF行番号,理由\r\n1,one\r\n2,two\r\n-4,local -4\r\n',
    )
  })

  it('stops at a refused batch, still counts the batches answered around it, and sends nothing more', async () => {
    const { sender, requests, settled, failures } = setUp(2)
    await sender.send(1)
    await sender.send(2)
    requests[0].answer.resolve(['one'])
    requests[1].answer.reject(new OpsError('internal_error', { message: 'refused' }))
    await sender.send(3) // room after batch 1
    expect(sender.stopped).toBe(false)
    await sender.send(4) // room only after batch 2, which failed: not sent
    expect(sender.stopped).toBe(true)
    expect(failures.map((f) => f.key)).toEqual(['internal_error'])
    await sender.send(5)
    requests[2].answer.resolve(['three'])
    await sender.finish()
    expect(settled).toEqual([1, 3])
    expect(requests.map((r) => r.batch)).toEqual([1, 2, 3])
    expect(sender.sent).toBe(3)
  })

  it('leaves no rejection file when nothing was rejected, and removes a stale one', async () => {
    const { dir, file, sender, requests } = setUp(1)
    const stale = new RejectionFile(file.path, 'old')
    await stale.write([[1, 'stale']])
    await stale.close()
    expect(existsSync(file.path)).toBe(true)
    await sender.send(1)
    requests[0].answer.resolve([])
    expect(await sender.finish()).toBeNull()
    expect(existsSync(file.path)).toBe(false)
    expect(existsSync(dir)).toBe(true)
  })

  it('stops when the rejection file cannot be written', async () => {
    const { dir, file, sender, requests, failures } = setUp(1)
    mkdirSync(join(dir, 'in.rejected.csv')) // a folder where the file should go
    await sender.send(1)
    requests[0].answer.resolve(['one'])
    await sender.send(2) // counts batch 1: its rejection opens the file, which fails a moment later
    await expect.poll(() => file.error).toBeTruthy()
    requests[1].answer.resolve(['two'])
    await sender.send(3) // counts batch 2: its rejection meets the failed file
    expect(await sender.finish()).toBeNull()
    expect(sender.stopped).toBe(true)
    expect(failures[0].key).toBe('file_unwritable')
    expect(requests.map((r) => r.batch)).toEqual([1, 2])
  })
})
