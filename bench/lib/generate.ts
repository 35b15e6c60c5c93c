/**
 * What the data generators (bench/gen-roster.ts, bench/gen-checkups.ts) share: a deterministic random
 * source, the katakana names they draw from, and their command line (strict options, usage, exit codes).
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'

/** mulberry32: small, fast, deterministic. */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Family names, most common first (the checkup generator draws from the first 10). */
export const FAMILY = [
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
/** Given names by sex (the checkup generator draws from the first 6 of each). */
export const MALE = [
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
export const FEMALE = [
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

export type GeneratorValues = Record<string, string | boolean | undefined>

/** A count option's value: a whole number, 0 or more. */
export const wholeNumber = (value: string | boolean | undefined) =>
  typeof value === 'string' && Number.isInteger(Number(value)) && Number(value) >= 0

/**
 * A generator's options, read from its `usage` line after the script: `--name WORD` takes a value, a
 * lone `--name` is a flag, and -h/--help prints the usage. Answers the values, or the exit code when
 * there is nothing to generate: 0 after --help, 2 after an unknown option, a missing --out, or values
 * `valid` refuses (the message or the usage on stderr).
 */
export function generatorArgs(
  argv: string[],
  usage: string,
  valid: (values: GeneratorValues) => boolean,
): GeneratorValues | number {
  const options = Object.fromEntries([
    ...[...usage.slice(usage.indexOf('.ts ')).matchAll(/--([\w-]+)( [^\s\]]+)?/g)].map(
      ([, name, value]) => [name, { type: value ? ('string' as const) : ('boolean' as const) }],
    ),
    ['help', { type: 'boolean' as const, short: 'h' }],
  ])
  let values: GeneratorValues
  try {
    values = parseArgs({ args: argv, options, strict: true }).values as GeneratorValues
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`)
    return 2
  }
  if (values.help) {
    process.stdout.write(usage)
    return 0
  }
  if (!values.out || !valid(values)) {
    process.stderr.write(usage)
    return 2
  }
  return values
}

/** Runs `cli` with the command line when the module `url` is the script Node was started with. */
export async function runAsScript(url: string, cli: (argv: string[]) => Promise<number>) {
  if (process.argv[1] !== undefined && url === pathToFileURL(resolve(process.argv[1])).href)
    process.exitCode = await cli(process.argv.slice(2))
}
