/**
 * Generates a valid roster CSV for benchmarks, streamed (constant memory at any size):
 *
 *   node --experimental-strip-types bench/gen-roster.ts --rows 1000000 --out /tmp/roster-1m.csv \
 *     [--insurer 06139992] [--encoding utf8|sjis] [--bom] [--crlf] [--headers ja|en] [--seed 1]
 *
 * Households of 1–4 people share 記号・番号 with 枝番 00, 01 …; the first is the insured person (続柄 1).
 * person_key is unique (G + 8 digits); names are full-width katakana; dates are real dates. The same
 * arguments give the same file.
 */
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { finished } from 'node:stream/promises'
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'
import { resolve } from 'node:path'
import { encodeShiftJis } from '../cli/sjis.ts'

const FAMILY = [
  'サトウ',
  'スズキ',
  'タカハシ',
  'タナカ',
  'イトウ',
  'ワタナベ',
  'ヤマモト',
  'ナカムラ',
  'コバヤシ',
  'カトウ',
  'ヨシダ',
  'ヤマダ',
  'ササキ',
  'ヤマグチ',
  'マツモト',
  'イノウエ',
  'キムラ',
  'ハヤシ',
  'シミズ',
  'ヤマザキ',
  'モリ',
  'アベ',
  'イケダ',
  'ハシモト',
  'ヤマシタ',
  'イシカワ',
  'ナカジマ',
  'マエダ',
  'フジタ',
  'オガワ',
  'ゴトウ',
  'オカダ',
  'ハセガワ',
  'ムラカミ',
  'コンドウ',
  'イシイ',
  'サイトウ',
  'サカモト',
  'エンドウ',
  'アオキ',
]
const MALE = [
  'タロウ',
  'イチロウ',
  'ケンタ',
  'ヒロシ',
  'タクヤ',
  'ショウタ',
  'ダイスケ',
  'ユウキ',
  'ハルト',
  'ソウタ',
  'リョウ',
  'マサト',
]
const FEMALE = [
  'ハナコ',
  'ユウコ',
  'サクラ',
  'ミサキ',
  'アヤ',
  'ナオミ',
  'ユイ',
  'メイ',
  'ヒナ',
  'アカリ',
  'マユミ',
  'キョウコ',
]
const CITIES = [
  '東京都千代田区',
  '東京都新宿区',
  '大阪府大阪市北区',
  '愛知県名古屋市中区',
  '福岡県福岡市博多区',
  '北海道札幌市中央区',
]

export const HEADERS = {
  ja: [
    '個人識別番号',
    '保険者番号',
    '記号',
    '番号',
    '枝番',
    '氏名カナ',
    '生年月日',
    '性別',
    '続柄',
    '資格取得日',
    '資格喪失日',
    '郵便番号',
    '住所',
  ],
  en: [
    'person_key',
    'insurer_number',
    'symbol',
    'number',
    'branch',
    'name_kana',
    'birth_date',
    'sex',
    'relationship',
    'valid_from',
    'valid_to',
    'postal_code',
    'address',
  ],
}

/** mulberry32: small, fast, deterministic. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const DAY = 86_400_000
function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

export type GenerateOptions = {
  rows: number
  insurer?: string
  seed?: number
  headers?: 'ja' | 'en'
  crlf?: boolean
}

/** The roster as text chunks of about `chunkRows` rows each. */
export function* rosterChunks(options: GenerateOptions, chunkRows = 2000): Generator<string> {
  const insurer = options.insurer ?? '06139992'
  const eol = options.crlf ? '\r\n' : '\n'
  const rnd = random(options.seed ?? 1)
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)]
  const from1950 = Date.UTC(1950, 0, 1)
  const to2000 = Date.UTC(2000, 11, 31)
  const to2024 = Date.UTC(2024, 11, 31)
  let out = (options.headers === 'en' ? HEADERS.en : HEADERS.ja).join(',') + eol
  let inChunk = 0
  let household = 0
  let member = 0
  let size = 0
  let family = ''
  let symbol = ''
  let number = ''
  let postal = ''
  let address = ''
  let validFrom = ''
  for (let i = 0; i < options.rows; i++) {
    if (member >= size) {
      household++
      member = 0
      size = 1 + Math.floor(rnd() * 4)
      family = pick(FAMILY)
      symbol = String(1000 + (household % 9000))
      number = String(100000 + household)
      postal = `${String(100 + Math.floor(rnd() * 900))}-${String(Math.floor(rnd() * 10000)).padStart(4, '0')}`
      address = `${pick(CITIES)}デモ町${1 + Math.floor(rnd() * 9)}-${1 + Math.floor(rnd() * 30)}`
      validFrom = isoDate(Date.UTC(2000 + Math.floor(rnd() * 25), Math.floor(rnd() * 12), 1))
    }
    const insured = member === 0
    const sex = rnd() < 0.5 ? 1 : 2
    const birth = isoDate(
      insured
        ? from1950 + Math.floor(rnd() * ((to2000 - from1950) / DAY)) * DAY
        : from1950 + Math.floor(rnd() * ((to2024 - from1950) / DAY)) * DAY,
    )
    const given = pick(sex === 1 ? MALE : FEMALE)
    const validTo = rnd() < 0.03 ? isoDate(Date.UTC(2025, Math.floor(rnd() * 12), 1)) : ''
    out +=
      `G${String(i + 1).padStart(8, '0')},${insurer},${symbol},${number},${String(member).padStart(2, '0')},` +
      `${family}　${given},${birth},${sex},${insured ? 1 : 2},${validFrom},${validTo},${postal},${address}${eol}`
    member++
    if (++inChunk >= chunkRows) {
      yield out
      out = ''
      inChunk = 0
    }
  }
  if (out) yield out
}

async function cli(argv: string[]): Promise<number> {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        rows: { type: 'string' },
        out: { type: 'string' },
        insurer: { type: 'string' },
        encoding: { type: 'string' },
        bom: { type: 'boolean' },
        crlf: { type: 'boolean' },
        headers: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }))
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`)
    return 2
  }
  const usage =
    'usage: node --experimental-strip-types bench/gen-roster.ts --rows N --out FILE [--insurer 06139992] ' +
    '[--encoding utf8|sjis] [--bom] [--crlf] [--headers ja|en] [--seed N]\n'
  if (values.help) {
    process.stdout.write(usage)
    return 0
  }
  const rows = Number(values.rows)
  const encoding = values.encoding ?? 'utf8'
  if (!Number.isInteger(rows) || rows < 0 || !values.out || !['utf8', 'sjis'].includes(encoding)) {
    process.stderr.write(usage)
    return 2
  }
  if (values.headers !== undefined && values.headers !== 'ja' && values.headers !== 'en') {
    process.stderr.write(usage)
    return 2
  }
  const out = values.out === '-' ? process.stdout : createWriteStream(values.out)
  if (values.bom && encoding === 'utf8') out.write('\uFEFF')
  const started = Date.now()
  for (const chunk of rosterChunks({
    rows,
    insurer: values.insurer,
    seed: values.seed ? Number(values.seed) : 1,
    headers: values.headers as 'ja' | 'en' | undefined,
    crlf: values.crlf,
  })) {
    const ok = out.write(encoding === 'sjis' ? encodeShiftJis(chunk) : chunk)
    if (!ok) await once(out, 'drain')
  }
  if (out !== process.stdout) {
    out.end()
    await finished(out)
    process.stderr.write(
      `${rows} rows → ${values.out} (${encoding}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    )
  }
  return 0
}

if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(resolve(process.argv[1])).href
) {
  process.exitCode = await cli(process.argv.slice(2))
}
