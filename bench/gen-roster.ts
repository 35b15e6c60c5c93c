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
import { encodeShiftJis } from '../cli/sjis.ts'
import { ROSTER_COLUMNS } from '../core/roster.ts'
import { FAMILY, FEMALE, MALE, random } from './lib/generate.ts'
import { generatorArgs, runAsScript, wholeNumber } from './lib/generate.ts'

const CITIES = [
  '東京都千代田区',
  '東京都新宿区',
  '大阪府大阪市北区',
  '愛知県名古屋市中区',
  '福岡県福岡市博多区',
  '北海道札幌市中央区',
]

/** The header row in either language, in the order of the columns of docs/data-formats.md. */
export const HEADERS = {
  ja: ROSTER_COLUMNS.map((c) => c.ja),
  en: ROSTER_COLUMNS.map((c) => c.en),
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
  // The household's own columns: name, card (記号,番号), dates and address shared by its members.
  let home = { family: '', card: '', postal: '', address: '', validFrom: '' }
  for (let i = 0; i < options.rows; i++) {
    if (member >= size) {
      household++
      member = 0
      size = 1 + Math.floor(rnd() * 4)
      home = {
        family: pick(FAMILY),
        card: `${1000 + (household % 9000)},${100000 + household}`,
        postal: `${String(100 + Math.floor(rnd() * 900))}-${String(Math.floor(rnd() * 10000)).padStart(4, '0')}`,
        address: `${pick(CITIES)}デモ町${1 + Math.floor(rnd() * 9)}-${1 + Math.floor(rnd() * 30)}`,
        validFrom: isoDate(Date.UTC(2000 + Math.floor(rnd() * 25), Math.floor(rnd() * 12), 1)),
      }
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
      `G${String(i + 1).padStart(8, '0')},${insurer},${home.card},${String(member).padStart(2, '0')},` +
      `${home.family}　${given},${birth},${sex},${insured ? 1 : 2},${home.validFrom},${validTo},${home.postal},${home.address}${eol}`
    member++
    if (++inChunk >= chunkRows) {
      yield out
      out = ''
      inChunk = 0
    }
  }
  if (out) yield out
}

const USAGE =
  'usage: node --experimental-strip-types bench/gen-roster.ts --rows N --out FILE [--insurer 06139992] ' +
  '[--encoding utf8|sjis] [--bom] [--crlf] [--headers ja|en] [--seed N]\n'

async function cli(argv: string[]): Promise<number> {
  const values = generatorArgs(
    argv,
    USAGE,
    (v) =>
      wholeNumber(v.rows) &&
      ['utf8', 'sjis'].includes((v.encoding as string | undefined) ?? 'utf8') &&
      [undefined, 'ja', 'en'].includes(v.headers as string | undefined),
  )
  if (typeof values === 'number') return values
  const rows = Number(values.rows)
  const encoding = (values.encoding as string | undefined) ?? 'utf8'
  const out = values.out === '-' ? process.stdout : createWriteStream(values.out as string)
  if (values.bom && encoding === 'utf8') out.write('\uFEFF')
  const started = Date.now()
  for (const chunk of rosterChunks({
    rows,
    insurer: values.insurer as string | undefined,
    seed: values.seed ? Number(values.seed) : 1,
    headers: values.headers as 'ja' | 'en' | undefined,
    crlf: values.crlf as boolean | undefined,
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

await runAsScript(import.meta.url, cli)
