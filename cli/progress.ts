/**
 * Progress on stderr. Imports: a bar redrawn in place on a terminal (rows done, rows/s, bytes read as % of the
 * file), a plain line every few seconds otherwise (logs, CI); the checkup import counts documents instead of
 * rows (`unit: 'documents'`). Viewing codes: a line redrawn after every answer, or a plain line now and then.
 */
import { t, type Lang, type MessageKey } from './i18n.ts'
import type { ImportProgress } from './roster-import.ts'
import type { CodesProgress } from './viewing-codes.ts'
import { displayWidth, formatBytes, formatInt } from './terminal.ts'

/** What is counted: roster rows, or checkups (documents). */
export type ProgressUnit = 'rows' | 'documents'

const WORDS: Record<ProgressUnit, { unit: MessageKey; rate: MessageKey; line: MessageKey }> = {
  rows: { unit: 'rows_unit', rate: 'report_rate', line: 'import_progress_line' },
  documents: { unit: 'documents_unit', rate: 'checkup_report_rate', line: 'checkup_progress_line' },
}

export type ProgressStream = { write(s: string): unknown; isTTY?: boolean; columns?: number }

export type ProgressOptions = {
  stream?: ProgressStream
  lang?: Lang
  /** Default: rows. */
  unit?: ProgressUnit
  /** Default: the stream's isTTY. */
  tty?: boolean
  /** Between plain lines; default 5 s. */
  intervalMs?: number
  /** Between redraws of the bar; default 100 ms. */
  redrawMs?: number
  now?: () => number
}

export type ProgressReporter = { update(p: ImportProgress): void; finish(): void }

function rate(p: ImportProgress): number {
  return p.elapsedMs > 0 ? (p.rowsDone * 1000) / p.elapsedMs : 0
}

function percent(p: ImportProgress): number {
  return p.totalBytes > 0 ? Math.min(100, (p.bytesRead * 100) / p.totalBytes) : 100
}

export function formatBar(
  p: ImportProgress,
  lang: Lang,
  columns = 100,
  unit: ProgressUnit = 'rows',
): string {
  const pct = percent(p)
  const text =
    ` ${pct.toFixed(0).padStart(3)}%  ${formatInt(p.rowsDone)} ${t(lang, WORDS[unit].unit)}` +
    `  ${t(lang, WORDS[unit].rate, { rate: formatInt(rate(p)) })}` +
    `  ${formatBytes(p.bytesRead)} / ${formatBytes(p.totalBytes)}`
  const width = Math.max(10, Math.min(30, columns - displayWidth(text) - 3))
  const full = Math.round((pct / 100) * width)
  return `[${'█'.repeat(full)}${'░'.repeat(width - full)}]${text}`
}

export function formatPlain(p: ImportProgress, lang: Lang, unit: ProgressUnit = 'rows'): string {
  return t(lang, WORDS[unit].line, {
    rows: formatInt(p.rowsDone),
    percent: `${percent(p).toFixed(0)}%`,
    rate: formatInt(rate(p)),
  })
}

export function createProgress(options: ProgressOptions = {}): ProgressReporter {
  const stream = options.stream ?? process.stderr
  const lang = options.lang ?? 'ja'
  const unit = options.unit ?? 'rows'
  const tty = options.tty ?? Boolean(stream.isTTY)
  const now = options.now ?? Date.now
  const every = tty ? (options.redrawMs ?? 100) : (options.intervalMs ?? 5000)
  let last = now()
  let drawn = false

  return {
    update(p) {
      const time = now()
      if (time - last < every && !(tty && p.done)) return
      last = time
      if (tty) {
        stream.write(`\r\x1b[2K${formatBar(p, lang, stream.columns ?? 100, unit)}`)
        drawn = true
      } else if (!p.done) {
        stream.write(formatPlain(p, lang, unit) + '\n')
      }
    },
    finish() {
      if (tty && drawn) stream.write('\r\x1b[2K')
      drawn = false
    },
  }
}

// ----------------------------------------------------------------------------------------- viewing codes

export function codesRate(p: { done: number; elapsedMs: number }): string {
  const rate = p.elapsedMs > 0 ? (p.done * 1000) / p.elapsedMs : 0
  return rate < 10 ? rate.toFixed(1) : formatInt(rate)
}

export function formatCodesProgress(lang: Lang, p: CodesProgress): string {
  const percent = p.total > 0 ? Math.min(100, (p.done * 100) / p.total) : 100
  return t(lang, 'codes_progress_line', {
    done: formatInt(p.done),
    total: formatInt(Math.max(p.total, p.done)),
    percent: `${percent.toFixed(0)}%`,
    rate: codesRate(p),
  })
}

/** On a terminal, a line redrawn after every answer; otherwise (logs) a line at most every `intervalMs`. */
export function createCodesProgress(
  stream: ProgressStream,
  lang: Lang,
  intervalMs = 5000,
  now = Date.now,
) {
  const tty = Boolean(stream.isTTY)
  let last = now()
  let drawn = false
  return {
    update(p: CodesProgress) {
      if (p.finished) return
      const line = formatCodesProgress(lang, p)
      if (tty) {
        const columns = stream.columns ?? 100
        stream.write(
          `\r\x1b[2K${displayWidth(line) < columns ? line : line.slice(0, Math.max(10, columns - 1))}`,
        )
        drawn = true
      } else if (now() - last >= intervalMs) {
        last = now()
        stream.write(line + '\n')
      }
    },
    finish() {
      if (tty && drawn) stream.write('\r\x1b[2K')
      drawn = false
    },
  }
}
