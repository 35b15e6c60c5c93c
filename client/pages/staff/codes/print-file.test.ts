import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { POSTCARD_HEADER } from '../../../../core/postcard'
import { canWriteDirect, checkSaved, memoryPrintFile, printFileName } from './print-file'

const code = (n: number) => ({
  personKey: `P${n}`,
  symbol: null,
  number: String(n),
  branch: '00',
  nameKana: '=ケンシン',
  postalCode: null,
  address: null,
  code: `CODE-${n}`,
  issuedAt: '2026-12-07T16:00:00.000Z',
})

describe("the console's print file in memory", () => {
  it('holds the BOM, the header and every row as written, and its SHA-256', async () => {
    const file = memoryPrintFile('06139992', 'x.csv')
    await file.write([code(1), code(2)])
    await file.write([])
    await file.write([code(3)])
    expect(file.rows).toBe(3)
    const produced = (await file.finish())!
    const bytes = Buffer.from(await produced.blob.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = bytes.toString('utf8').slice(1).split('\r\n')
    expect(lines[0]).toBe(POSTCARD_HEADER.join(','))
    expect(lines[1]).toBe("P1,06139992,,1,00,'=ケンシン,,,CODE-1,2026-12-08")
    expect(lines.slice(1, 4).map((l: string) => l.split(',')[0])).toEqual(['P1', 'P2', 'P3'])
    expect(lines[4]).toBe('')
    expect(produced.rows).toBe(3)
    expect(produced.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
    expect(produced.blob.type).toBe('text/csv;charset=utf-8')
  })

  it('an empty run is a file with its header only', async () => {
    const produced = (await memoryPrintFile('06139992', 'x.csv').finish())!
    expect(await produced.blob.text()).toBe(`${POSTCARD_HEADER.join(',')}\r\n`)
    expect(produced.rows).toBe(0)
  })

  it('knows the saved copy, and tells another file, an edited one and a non-print file apart', async () => {
    const file = memoryPrintFile('06139992', 'x.csv')
    await file.write([code(1), code(2)])
    const produced = (await file.finish())!
    const saved = new File([await produced.blob.arrayBuffer()], 'saved.csv')
    expect(await checkSaved(saved, produced)).toBe('same')

    const other = memoryPrintFile('06139992', 'y.csv')
    await other.write([code(3)])
    expect(await checkSaved((await other.finish())!.blob, produced)).toBe('rows')

    const edited = (await produced.blob.text()).replace('CODE-1', 'CODE-9')
    expect(await checkSaved(new Blob([edited]), produced)).toBe('changed')
    expect(await checkSaved(new Blob(['a,b\r\n1,2\r\n']), produced)).toBe('other')
  })

  it("names the file by the insurer and Japan's time, and Node has no save picker", () => {
    expect(printFileName('06139992', Date.parse('2026-12-07T16:05:00Z'))).toBe(
      'postcards-06139992-20261208-0105.csv',
    )
    expect(canWriteDirect()).toBe(false)
  })
})
