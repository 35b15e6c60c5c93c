/**
 * The worker's side of the shared importers (core/import): the File as a ByteSource (file-source.ts) and,
 * for a zip, zip.js's random access (zip-zipjs.ts); the batches posted through the job's `post`, tagged
 * by the importer with the import's id and sequence number; what the importer reports turned into the
 * protocol's words (the encoding or format found, progress, the report rows as the command line prints
 * them: core/import/report.ts).
 */
import { t, type Lang } from '../../../../core/i18n'
import { importRoster } from '../../../../core/import/roster-import'
import { importCheckupFile } from '../../../../core/import/checkup-import'
import {
  checkupReport,
  encodingLabel,
  formatLabel,
  rosterReport,
  type ImportReport,
} from '../../../../core/import/report'
import { fileSource } from './file-source'
import { zipAccess } from './zip-zipjs'
import { CountingSink } from './memory-sink'
import type { Failure, ProgressMessage, Report, Totals } from './protocol'
import type { ImportKind } from './resume-store'

export type ImporterArgs = {
  kind: ImportKind
  file: File
  insurer: string
  importId: string
  skipBatches: number
  /** A zip resumed: the entry after the last recorded batch's (the entries before are not inflated again). */
  skipUnits?: number
  batchSize?: number
  lang: Lang
  signal?: AbortSignal
  post: <T>(path: 'roster' | 'checkups', body: unknown) => Promise<T>
  onStart: (detected: string, label: string) => void
  onProgress: (p: Omit<ProgressMessage, 'type'>, final: boolean) => void
  onSettled: (seq: number, lastLine: number | null, lastUnit: number | null) => void
}

export type ImporterOutcome = {
  /** The whole file read and every batch answered. */
  complete: boolean
  /** Stopped by 中止 (the batches in flight settled). */
  stopped: boolean
  fatal: Failure | null
  rowsRead: number
  blank: number
  /** The encoding (roster) or format (checkups) found, for the server's record. */
  detected: string | null
  /** The command line's report, with the server's totals when it has them (exact after a resume). */
  report: (totals: Totals | null) => Report | null
}

export async function runImporter(args: ImporterArgs): Promise<ImporterOutcome> {
  const source = fileSource(args.file)
  const sink = new CountingSink()
  const lang = args.lang
  if (args.kind === 'roster') {
    const r = await importRoster({
      source,
      sink,
      insurer: args.insurer,
      tag: { importId: args.importId },
      skipBatches: args.skipBatches,
      batchSize: args.batchSize,
      lang,
      signal: args.signal,
      post: (_insurer, batch) => args.post('roster', batch),
      onStart: (start) => {
        args.onStart(start.encoding.encoding, encodingLabel(lang, start.encoding))
      },
      onBatchSettled: (s) => args.onSettled(s.seq, s.lastLine ?? null, null),
      onProgress: (p) =>
        args.onProgress(
          {
            elapsedMs: p.elapsedMs,
            done: p.rowsDone,
            read: p.rowsRead,
            bytesRead: p.bytesRead,
            totalBytes: p.totalBytes,
            inserted: p.inserted,
            updated: p.updated,
            unchanged: p.unchanged,
            rejected: p.rejected,
          },
          p.done,
        ),
    })
    return {
      complete: r.complete,
      stopped: r.fatal?.key === 'import_stopped',
      fatal: r.fatal
        ? { key: r.fatal.key, params: r.fatal.params, message: r.fatal.text(lang) }
        : null,
      rowsRead: r.rowsRead,
      blank: r.blank,
      detected: r.encoding ? encodingLabel('en', r.encoding) : null,
      report: (totals) =>
        r.encoding && (r.rowsDone > 0 || !r.fatal || totals)
          ? rendered(
              lang,
              r.firstRejections.map((x) =>
                rejectionLine(lang, null, x.line, x.column, x.message || x.reason),
              ),
              rosterReport(lang, {
                ...r,
                ...(totals && {
                  inserted: totals.inserted,
                  updated: totals.updated,
                  unchanged: totals.unchanged,
                  rejected: totals.rejected,
                  rowsDone: totals.inserted + totals.updated + totals.unchanged + totals.rejected,
                }),
                rejectedFile: null,
              }),
            )
          : null,
    }
  }
  const r = await importCheckupFile({
    source,
    zip: zipAccess(args.file),
    sink,
    insurer: args.insurer,
    tag: { importId: args.importId },
    skipBatches: args.skipBatches,
    skipUnits: args.skipUnits,
    batchSize: args.batchSize,
    lang,
    signal: args.signal,
    post: (_insurer, batch) => args.post('checkups', batch),
    onStart: (start) => args.onStart(start.format, formatLabel(lang, start.format, start.encoding)),
    onBatchSettled: (s) => args.onSettled(s.seq, null, s.lastUnit ?? null),
    onProgress: (p) =>
      args.onProgress(
        {
          elapsedMs: p.elapsedMs,
          done: p.rowsDone,
          read: p.rowsRead,
          bytesRead: p.bytesRead,
          totalBytes: p.totalBytes,
          inserted: p.inserted,
          updated: p.updated,
          unchanged: p.unchanged,
          rejected: p.rejected,
        },
        p.done,
      ),
  })
  return {
    complete: r.complete,
    stopped: r.fatal?.key === 'import_stopped',
    fatal: r.fatal
      ? { key: r.fatal.key, params: r.fatal.params, message: r.fatal.text(lang) }
      : null,
    rowsRead: r.checkupsRead,
    blank: r.blank,
    detected: r.format,
    report: (totals) =>
      r.format && (r.checkupsDone > 0 || !r.fatal || totals)
        ? rendered(
            lang,
            r.firstRejections.map((x) =>
              rejectionLine(
                lang,
                r.format === 'csv' ? null : x.ref,
                x.line,
                x.item ? t(lang, 'rejection_item', { code: x.item }) : x.column,
                x.message || x.reason,
              ),
            ),
            checkupReport(lang, {
              ...r,
              ...(totals && {
                inserted: totals.inserted,
                replaced: totals.updated,
                unchanged: totals.unchanged,
                checkupsDone: totals.inserted + totals.updated + totals.unchanged + r.rejected,
              }),
              rejectedFile: null,
            }),
          )
        : null,
  }
}

const WORDS: Record<
  Lang,
  { seconds: string; minutes: string; underSecond: string; line: string; reason: string }
> = {
  ja: {
    seconds: '{s} 秒',
    minutes: '{m} 分 {s} 秒',
    underSecond: '1 秒未満',
    line: '{line} 行目',
    reason: '{where}: {message}',
  },
  en: {
    seconds: '{s} s',
    minutes: '{m} min {s} s',
    underSecond: 'under a second',
    line: 'line {line}',
    reason: '{where}: {message}',
  },
}

const formatInt = (n: number) => Math.round(n).toLocaleString('en-US')

/** 「3 行目・氏名カナ: 理由」: where (the entry, the line, the column or item) and why. */
export function rejectionLine(
  lang: Lang,
  ref: string | null,
  line: number | null,
  column: string | null,
  message: string,
): string {
  const where = [
    ref,
    line !== null ? WORDS[lang].line.replace('{line}', formatInt(line)) : null,
    // '-': the whole row (a wrong number of columns), no column to name
    column === '-' ? null : column,
  ].filter((x): x is string => Boolean(x))
  if (where.length === 0) return message
  return WORDS[lang].reason
    .replace('{where}', where.join(lang === 'ja' ? '・' : ', '))
    .replace('{message}', message)
}

function formatDuration(lang: Lang, ms: number): string {
  const total = Math.max(0, ms) / 1000
  if (total < 60)
    return WORDS[lang].seconds.replace(
      '{s}',
      total < 10 ? total.toFixed(1) : String(Math.round(total)),
    )
  const m = Math.floor(total / 60)
  return WORDS[lang].minutes
    .replace('{m}', String(m))
    .replace('{s}', String(Math.round(total - m * 60)))
}

/**
 * The report's rows in words, as the command line prints them (cli/import-command.ts reportLines), with
 * the console's own few: a time under a second says so (no rate from it), and the rejections are a list
 * of their own (the screen puts its heading over them).
 */
export function rendered(lang: Lang, rejections: string[], report: ImportReport): Report {
  const rows = report.rows.map(({ label, value }) => {
    const text =
      value.kind === 'text'
        ? value.text
        : value.kind === 'count'
          ? formatInt(value.value)
          : value.ms < 1000
            ? WORDS[lang].underSecond
            : `${formatDuration(lang, value.ms)} (${t(lang, value.rateKey, { rate: formatInt(value.rate) })})`
    return { label: t(lang, label), value: text }
  })
  const lines: string[] = []
  if (report.note) lines.push(t(lang, report.note))
  const more =
    report.rejectionsTitle && report.more > 0
      ? t(lang, 'report_more', { count: formatInt(report.more) })
      : null
  return {
    file: report.file,
    rows,
    lines,
    rejections: report.rejectionsTitle ? rejections : [],
    more,
  }
}
