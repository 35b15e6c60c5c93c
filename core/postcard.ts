/**
 * The viewing-code postcard print file (docs/data-formats.md "Viewing-code postcards"), the pure parts the
 * command line (cli/viewing-codes.ts) and the staff console (client/pages/staff/codes/) both write: the
 * header, one row's cells, the issue day in Japan, and the CSV text of a header or a batch of rows (UTF-8
 * text; the caller adds the BOM once at the start and encodes). Excel-safe fields, CRLF.
 */

import { csvField } from './csv-field.ts'

export const POSTCARD_HEADER = [
  '個人識別番号',
  '保険者番号',
  '記号',
  '番号',
  '枝番',
  '氏名カナ',
  '郵便番号',
  '住所',
  '健診閲覧コード',
  '発行日',
]

/** One issued code as the operator API answers it (POST …/codes/issue, `issued[n]`). */
export type PostcardCode = {
  personKey: string
  symbol?: string | null
  number?: string | null
  branch?: string | null
  nameKana?: string | null
  postalCode?: string | null
  address?: string | null
  code: string
  issuedAt: string
}

/** The day in Japan (UTC+9 all year) of an ISO instant, as YYYY-MM-DD. */
export function japanDate(iso: string): string {
  const ms = Date.parse(iso)
  if (!Number.isFinite(ms)) return iso
  return new Date(ms + 9 * 3_600_000).toISOString().slice(0, 10)
}

/** The cells of one postcard row, in the header's order. */
export function postcardCells(insurer: string, c: PostcardCode): string[] {
  const s = (v: string | null | undefined) => (v === null || v === undefined ? '' : String(v))
  return [
    c.personKey,
    insurer,
    s(c.symbol),
    s(c.number),
    s(c.branch),
    s(c.nameKana),
    s(c.postalCode),
    s(c.address),
    c.code,
    japanDate(c.issuedAt),
  ]
}

/** A postcard cell: the rejection files' Excel-safe rule (core/csv-field.ts). */
export const postcardField = csvField

/** The BOM and the header line: the start of every print file. */
export const POSTCARD_START = `\uFEFF${POSTCARD_HEADER.map(postcardField).join(',')}\r\n`

/** The CSV lines of some issued codes, each ending in CRLF. */
export function postcardLines(insurer: string, codes: PostcardCode[]): string {
  return codes.map((c) => postcardCells(insurer, c).map(postcardField).join(',') + '\r\n').join('')
}

/**
 * The number of data rows in a print file's text (BOM and header dropped; a line break inside a quoted
 * field is part of the field), or null when it does not start with the postcard header: for checking a
 * saved file against what was written.
 */
export function postcardRowCount(text: string): number | null {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  const header = POSTCARD_HEADER.map(postcardField).join(',')
  if (!body.startsWith(`${header}\r\n`) && !body.startsWith(`${header}\n`)) return null
  let rows = 0
  let quoted = false
  let inRecord = false
  for (let i = body.indexOf('\n') + 1; i < body.length; i++) {
    const ch = body[i]
    if (ch === '"') quoted = !quoted
    if (ch === '\n' && !quoted) {
      rows++
      inRecord = false
    } else if (ch !== '\r') inRecord = true
  }
  return inRecord ? rows + 1 : rows
}
