/**
 * What the command line prints, formatted for a terminal: numbers, sizes and durations, widths that count
 * East Asian characters as two columns, tables and labelled rows. Progress lines are in ./progress.ts.
 */
import { t, type Lang, type MessageKey } from './i18n.ts'

export function formatInt(n: number): string {
  return Math.round(n).toLocaleString('en-US')
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`
}

export function formatDuration(lang: Lang, ms: number): string {
  const total = Math.max(0, ms) / 1000
  if (total < 60)
    return t(lang, 'seconds', { s: total < 10 ? total.toFixed(1) : Math.round(total) })
  const m = Math.floor(total / 60)
  return t(lang, 'minutes', { m, s: Math.round(total - m * 60) })
}

/** Columns a string takes in a terminal: East Asian wide and full-width characters take two. */
export function displayWidth(s: string): number {
  let w = 0
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number
    const wide =
      cp >= 0x1100 &&
      (cp <= 0x115f ||
        cp === 0x2329 ||
        cp === 0x232a ||
        (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
        (cp >= 0xac00 && cp <= 0xd7a3) ||
        (cp >= 0xf900 && cp <= 0xfaff) ||
        (cp >= 0xfe30 && cp <= 0xfe4f) ||
        (cp >= 0xff00 && cp <= 0xff60) ||
        (cp >= 0xffe0 && cp <= 0xffe6) ||
        (cp >= 0x1f300 && cp <= 0x1faff) ||
        (cp >= 0x20000 && cp <= 0x3fffd))
    w += wide ? 2 : 1
  }
  return w
}

export function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)))
}

/** A table: the header, a rule of dashes, the rows; columns as wide as their widest cell, two spaces apart. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, c) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c] ?? ''))),
  )
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === cells.length - 1 ? cell : padEnd(cell, widths[c])))
      .join('  ')
      .trimEnd()
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)]
}

/**
 * Label and value a line, the values aligned two columns after the longest label (in the operator's
 * language), each line after `indent`: the shape of every report and of whoami. A value of several lines
 * goes on under itself, aligned with its first line.
 */
export function labelled(lang: Lang, rows: [MessageKey, string][], indent = '  '): string[] {
  const width = Math.max(...rows.map(([k]) => displayWidth(t(lang, k)))) + 2
  const under = '\n' + ' '.repeat(displayWidth(indent) + width)
  return rows.map(([k, v]) => `${indent}${padEnd(t(lang, k), width)}${v.split('\n').join(under)}`)
}
