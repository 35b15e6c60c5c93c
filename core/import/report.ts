/**
 * The final report of an import as data: the rows the command line prints (cli/commands/*-import.ts) and the
 * console shows, in the same order and words, so both say the same about the same file. Counts stay numbers
 * (each front end formats them its way); texts are in the language asked for.
 */
import { t, type ImportMessageKey, type Lang } from '../i18n.ts'
import type { CheckupRejection } from './checkup-input.ts'
import type { CheckupFormat } from './checkup-sources.ts'
import type { DetectedEncoding } from './encoding.ts'
import type { ImportResult } from './roster-import.ts'
import type { CheckupImportResult } from './checkup-import.ts'

export type ReportValue =
  | { kind: 'text'; text: string }
  | { kind: 'count'; value: number }
  /** The time taken and the rate (rows or checkups a second), `rateKey` saying which. */
  | { kind: 'time'; ms: number; rate: number; rateKey: 'report_rate' | 'checkup_report_rate' }

export type ReportRow = { label: ImportMessageKey; value: ReportValue }

export type ImportReport = {
  /** `report_title` with this file name. */
  file: string
  rows: ReportRow[]
  /** A line under the rows: nothing was in the file. */
  note: ImportMessageKey | null
  /** The heading over the first rejections (null when there are none). */
  rejectionsTitle: ImportMessageKey | null
  /** The first rejections, one line each, in the language asked for. */
  rejections: string[]
  /** Rejections not listed (`report_more`). */
  more: number
  /** Where the rejection file is (`report_rejected_file`), or null. */
  rejectedFile: string | null
}

/** "UTF-8", "UTF-8(BOM 付き)", "Shift_JIS(CP932)" or '-'. */
export function encodingLabel(lang: Lang, e: DetectedEncoding | null): string {
  if (!e) return '-'
  if (e.encoding === 'shift_jis') return t(lang, 'encoding_sjis')
  return t(lang, e.bom ? 'encoding_utf8_bom' : 'encoding_utf8')
}

/** A checkup file's format (the CSV's with its encoding) or '-'. */
export function formatLabel(
  lang: Lang,
  format: CheckupFormat | null,
  encoding: DetectedEncoding | null,
): string {
  if (format === 'csv') return t(lang, 'format_csv', { encoding: encodingLabel(lang, encoding) })
  if (format === 'xml') return t(lang, 'format_xml')
  if (format === 'zip') return t(lang, 'format_zip')
  return '-'
}

/** One rejection on one line: where (the file or entry for XML; the line; the item code or CSV column), why. */
export function formatCheckupRejection(
  lang: Lang,
  format: CheckupFormat | null,
  r: CheckupRejection,
): string {
  const parts: string[] = []
  if (format !== 'csv') parts.push(r.ref)
  if (r.line !== null) parts.push(t(lang, 'rejection_line', { line: r.line }))
  if (r.item) parts.push(t(lang, 'rejection_item', { code: r.item }))
  else if (r.column) parts.push(t(lang, 'rejection_column', { column: r.column }))
  parts.push(r.message || r.reason)
  return parts.join('  ')
}

const count = (value: number): ReportValue => ({ kind: 'count', value })

export type RosterReportInput = Pick<
  ImportResult,
  | 'file'
  | 'encoding'
  | 'rowsRead'
  | 'rowsDone'
  | 'blank'
  | 'inserted'
  | 'updated'
  | 'unchanged'
  | 'rejected'
  | 'rejections'
  | 'firstRejections'
  | 'rejectedFile'
  | 'elapsedMs'
  | 'complete'
>

/** A roster import's report. */
export function rosterReport(lang: Lang, r: RosterReportInput): ImportReport {
  const rate = r.elapsedMs > 0 ? (r.rowsDone * 1000) / r.elapsedMs : 0
  const rows: ReportRow[] = [
    { label: 'report_encoding', value: { kind: 'text', text: encodingLabel(lang, r.encoding) } },
    // rows read ahead of a failure were not imported: count the rows with an outcome
    { label: 'report_read', value: count(r.rowsDone) },
    { label: 'report_inserted', value: count(r.inserted) },
    { label: 'report_updated', value: count(r.updated) },
    { label: 'report_unchanged', value: count(r.unchanged) },
    { label: 'report_rejected', value: count(r.rejected) },
  ]
  if (r.blank > 0) rows.push({ label: 'report_blank', value: count(r.blank) })
  rows.push({
    label: 'report_time',
    value: { kind: 'time', ms: r.elapsedMs, rate, rateKey: 'report_rate' },
  })
  return {
    file: r.file,
    rows,
    note: r.rowsRead === 0 && r.complete ? 'report_no_rows' : null,
    rejectionsTitle: r.firstRejections.length > 0 ? 'report_rejections' : null,
    rejections: r.firstRejections.map((x) =>
      t(lang, 'report_rejection', {
        line: x.line,
        column: x.column,
        message: x.message || x.reason,
      }),
    ),
    more: Math.max(0, r.rejections - r.firstRejections.length),
    rejectedFile: r.rejectedFile,
  }
}

export type CheckupReportInput = Pick<
  CheckupImportResult,
  | 'file'
  | 'format'
  | 'encoding'
  | 'checkupsRead'
  | 'checkupsDone'
  | 'inserted'
  | 'replaced'
  | 'unchanged'
  | 'rejected'
  | 'rowsRejected'
  | 'blank'
  | 'rejections'
  | 'firstRejections'
  | 'rejectedFile'
  | 'elapsedMs'
  | 'complete'
>

/** A checkup import's report. */
export function checkupReport(lang: Lang, r: CheckupReportInput): ImportReport {
  const rate = r.elapsedMs > 0 ? (r.checkupsDone * 1000) / r.elapsedMs : 0
  const rows: ReportRow[] = [
    {
      label: 'report_format',
      value: { kind: 'text', text: formatLabel(lang, r.format, r.encoding) },
    },
    // checkups read ahead of a failure were not imported: count those with an outcome
    { label: 'checkup_report_read', value: count(r.checkupsDone) },
    { label: 'report_inserted', value: count(r.inserted) },
    { label: 'report_replaced', value: count(r.replaced) },
    { label: 'report_unchanged', value: count(r.unchanged) },
    { label: 'report_rejected', value: count(r.rejected) },
  ]
  if (r.rowsRejected > 0)
    rows.push({ label: 'checkup_report_rows_rejected', value: count(r.rowsRejected) })
  if (r.blank > 0) rows.push({ label: 'report_blank', value: count(r.blank) })
  rows.push({
    label: 'report_time',
    value: { kind: 'time', ms: r.elapsedMs, rate, rateKey: 'checkup_report_rate' },
  })
  return {
    file: r.file,
    rows,
    note: r.checkupsRead === 0 && r.rejections === 0 && r.complete ? 'checkup_report_none' : null,
    rejectionsTitle: r.firstRejections.length > 0 ? 'checkup_report_rejections' : null,
    rejections: r.firstRejections.map((x) => formatCheckupRejection(lang, r.format, x)),
    more: Math.max(0, r.rejections - r.firstRejections.length),
    rejectedFile: r.rejectedFile,
  }
}

/**
 * What an import record keeps as `detected` (≤ 40 characters, in English, the same from the CLI and the
 * console): a roster's encoding ("Shift_JIS (CP932)"), a checkup file's format ("CSV, UTF-8", "XML", "ZIP").
 */
export function detectedLabel(
  format: CheckupFormat | null,
  encoding: DetectedEncoding | null,
): string | undefined {
  if (format === null) return encoding ? encodingLabel('en', encoding) : undefined
  if (format === 'csv') return encoding ? `CSV, ${encodingLabel('en', encoding)}` : 'CSV'
  return format.toUpperCase()
}
