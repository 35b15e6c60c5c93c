/**
 * Reading a checkup CSV (one row per item) as a stream of checkups. A checkup is one (person_key, exam_date);
 * its rows are usually consecutive, but need not be: up to `maxOpen` checkups (1,000) are held open, the one
 * touched longest ago is emitted when one more opens, and the rest at the end of the file. Memory is bounded
 * by `maxOpen` checkups plus one key per emitted checkup (to catch a checkup whose rows are so far apart
 * that it was emitted before its last row: that row is rejected, since re-importing a checkup replaces it
 * whole and a second part would replace the first).
 *
 * Encoding detection, line numbers and CSV errors come from ./csv-records.ts. Rows are checked here (date, item code,
 * value present); units and values against the catalogue are the server's work.
 */
import { headerKey, openCsv, type DetectedEncoding, type OpenOptions } from './csv-records.ts'
import type { ByteSource } from './source.ts'

export const CHECKUP_COLUMNS = {
  personKey: ['個人識別番号', 'person_key'],
  examDate: ['受診日', 'exam_date'],
  institution: ['健診機関名', 'institution'],
  itemCode: ['項目コード', 'item_code'],
  value: ['結果値', 'value'],
  unit: ['単位', 'unit'],
} as const
type ColumnName = keyof typeof CHECKUP_COLUMNS
const REQUIRED: ColumnName[] = ['personKey', 'examDate', 'itemCode', 'value']

export const DEFAULT_MAX_OPEN = 1000
/** A longer field is rejected (a doctor's comment is the longest expected; the server takes 2,000). */
export const MAX_VALUE_CHARS = 2000
/** Rows of one checkup past this are rejected (as many as a DATA file may hold observations). */
export const MAX_ITEMS_PER_CHECKUP = 2000
/** The value meaning "not performed" (with the result left empty). */
export const NOT_PERFORMED = '未実施'

export type CheckupCsvResult = {
  code: string
  /** As written (trimmed); '' when not performed. */
  value: string
  unit: string | null
  line: number
  notPerformed?: true
}

export type CsvCheckup = {
  personKey: string
  /** YYYY-MM-DD */
  examDate: string
  institution: string | null
  results: CheckupCsvResult[]
  /** Lines of rows of this checkup that were rejected (each also yielded as a rejection): a sender may
   * prefer not to replace a stored checkup with an incomplete one. */
  rejectedLines: number[]
}

export type CheckupCsvRejectReason =
  | 'column_count'
  | 'invalid_bytes'
  | 'field_too_long'
  | 'missing_person_key'
  | 'bad_date'
  | 'bad_item_code'
  | 'missing_value'
  | 'duplicate_item'
  | 'too_many_items'
  | 'checkup_split'

export type CheckupCsvRejection = {
  kind: 'rejected'
  line: number
  /** The header of the column at fault as written in the file, '-' for the whole row. */
  column: string
  reason: CheckupCsvRejectReason
  detail: string
}

export type CheckupCsvItem =
  { kind: 'checkup'; checkup: CsvCheckup } | CheckupCsvRejection | { kind: 'blank'; line: number }

export type CheckupCsvFile = {
  file: string
  size: number
  encoding: DetectedEncoding
  header: string[]
  headerLine: number
  items: AsyncGenerator<CheckupCsvItem>
}

export class CheckupCsvError extends Error {
  reason: 'missing_column' | 'duplicate_column'
  column: string
  constructor(reason: 'missing_column' | 'duplicate_column', column: string) {
    super(
      reason === 'missing_column'
        ? `the header has no column ${column}`
        : `the header has the column ${column} more than once`,
    )
    this.name = 'CheckupCsvError'
    this.reason = reason
    this.column = column
  }
}

export type CheckupCsvOptions = OpenOptions & { maxOpen?: number }

/** The index of each known column in a header; throws CheckupCsvError for a missing or repeated one. */
export function checkupColumns(header: string[]): Record<ColumnName, number> {
  const keys = header.map(headerKey)
  const out = {} as Record<ColumnName, number>
  for (const name of Object.keys(CHECKUP_COLUMNS) as ColumnName[]) {
    const wanted = new Set(CHECKUP_COLUMNS[name].map(headerKey))
    const found = keys.flatMap((k, i) => (wanted.has(k) ? [i] : []))
    const label = CHECKUP_COLUMNS[name].join(' / ')
    if (found.length > 1) throw new CheckupCsvError('duplicate_column', label)
    if (found.length === 0 && REQUIRED.includes(name))
      throw new CheckupCsvError('missing_column', label)
    out[name] = found.length ? found[0] : -1
  }
  return out
}

/** YYYY-MM-DD, YYYY/MM/DD (month and day may be one digit) or YYYYMMDD, full-width digits allowed →
 * YYYY-MM-DD; null when it is not a real date. */
export function normaliseDate(raw: string): string | null {
  const s = raw.normalize('NFKC').trim()
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s) ??
    /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(s) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(s)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (
    y < 1900 ||
    date.getUTCFullYear() !== y ||
    date.getUTCMonth() !== mo - 1 ||
    date.getUTCDate() !== d
  )
    return null
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

const ITEM_CODE = /^[0-9A-Z]{17}$/

type Open = { checkup: CsvCheckup; codes: Set<string> }

/** Opens a checkup CSV: encoding, header and columns are checked here (ImportError from ./csv-records.ts, or
 * CheckupCsvError for a missing column); `items` then yields checkups, row rejections and blank rows. A CSV
 * error part-way (an unclosed quote …) is thrown from `items` after everything before it; the checkups still
 * open then are not emitted (one of them may be cut short). */
export async function openCheckupCsv(
  source: ByteSource,
  options: CheckupCsvOptions = {},
): Promise<CheckupCsvFile> {
  const csv = await openCsv(source, { ...options, requireColumn: [...CHECKUP_COLUMNS.personKey] })
  let col: Record<ColumnName, number>
  try {
    col = checkupColumns(csv.header)
  } catch (err) {
    await csv.items.return(undefined)
    throw err
  }
  const maxOpen = Math.max(1, options.maxOpen ?? DEFAULT_MAX_OPEN)
  const header = csv.header
  const label = (c: ColumnName) => header[col[c]]

  async function* items(): AsyncGenerator<CheckupCsvItem> {
    const open = new Map<string, Open>() // in the order last touched
    const emitted = new Set<string>()
    let lastKey = ''

    const close = (key: string): CheckupCsvItem | null => {
      const entry = open.get(key) as Open
      open.delete(key)
      emitted.add(key)
      if (entry.checkup.results.length === 0) return null // every row rejected, each reported
      return { kind: 'checkup', checkup: entry.checkup }
    }
    const reject = (
      line: number,
      column: string,
      reason: CheckupCsvRejectReason,
      detail: string,
    ): CheckupCsvRejection => ({
      kind: 'rejected',
      line,
      column,
      reason,
      detail,
    })

    try {
      for await (const item of csv.items) {
        if (item.kind === 'blank') {
          yield item
          continue
        }
        if (item.kind === 'invalid') {
          yield item.reason === 'column_count'
            ? reject(
                item.line,
                '-',
                'column_count',
                `${item.count} columns, the header has ${item.expected}`,
              )
            : reject(
                item.line,
                item.column,
                'invalid_bytes',
                'bytes that are not valid in the file’s encoding',
              )
          continue
        }
        const { line, fields } = item
        const tooLong = fields.findIndex((f) => f.length > MAX_VALUE_CHARS)
        if (tooLong >= 0) {
          yield reject(
            line,
            header[tooLong] || String(tooLong + 1),
            'field_too_long',
            `longer than ${MAX_VALUE_CHARS} characters`,
          )
          continue
        }
        const personKey = fields[col.personKey].trim()
        if (!personKey) {
          yield reject(line, label('personKey'), 'missing_person_key', 'the person key is empty')
          continue
        }
        const rawDate = fields[col.examDate]
        const examDate = normaliseDate(rawDate)
        if (!examDate) {
          yield reject(
            line,
            label('examDate'),
            'bad_date',
            rawDate.trim()
              ? `"${rawDate.trim()}" is not a date (YYYY-MM-DD)`
              : 'the exam date is empty',
          )
          continue
        }
        const key = `${personKey}\u0000${examDate}`
        if (emitted.has(key)) {
          yield reject(
            line,
            label('personKey'),
            'checkup_split',
            `the rows of ${personKey} ${examDate} are too far apart in the file (more than ${maxOpen} other checkups between them); sort the file by person and exam date`,
          )
          continue
        }
        let entry = open.get(key)
        if (!entry) {
          entry = {
            checkup: { personKey, examDate, institution: null, results: [], rejectedLines: [] },
            codes: new Set(),
          }
          open.set(key, entry)
          if (open.size > maxOpen) {
            const out = close(open.keys().next().value as string)
            if (out) yield out
          }
        } else if (key !== lastKey) {
          open.delete(key) // touched: to the end of the order
          open.set(key, entry)
        }
        lastKey = key
        const checkup = entry.checkup

        const code = fields[col.itemCode].normalize('NFKC').trim().toUpperCase()
        const value = fields[col.value].trim()
        let problem: CheckupCsvRejection | null = null
        if (!ITEM_CODE.test(code)) {
          problem = reject(
            line,
            label('itemCode'),
            'bad_item_code',
            code ? `"${code}" is not a 17-character item code` : 'the item code is empty',
          )
        } else if (!value) {
          problem = reject(
            line,
            label('value'),
            'missing_value',
            `the result is empty (write ${NOT_PERFORMED} for an item not performed)`,
          )
        } else if (entry.codes.has(code)) {
          problem = reject(
            line,
            label('itemCode'),
            'duplicate_item',
            `${code} appears twice in the checkup of ${personKey} ${examDate}`,
          )
        } else if (checkup.results.length >= MAX_ITEMS_PER_CHECKUP) {
          problem = reject(
            line,
            '-',
            'too_many_items',
            `more than ${MAX_ITEMS_PER_CHECKUP} items in the checkup of ${personKey} ${examDate}`,
          )
        }
        if (problem) {
          checkup.rejectedLines.push(line)
          yield problem
          continue
        }
        entry.codes.add(code)
        if (checkup.institution === null && col.institution >= 0) {
          const institution = fields[col.institution].trim()
          if (institution) checkup.institution = institution
        }
        const unit = col.unit >= 0 ? fields[col.unit].trim() : ''
        const result: CheckupCsvResult =
          value.normalize('NFKC') === NOT_PERFORMED
            ? { code, value: '', unit: unit || null, line, notPerformed: true }
            : { code, value, unit: unit || null, line }
        checkup.results.push(result)
      }
      for (const key of [...open.keys()]) {
        const out = close(key)
        if (out) yield out
      }
    } finally {
      await csv.items.return(undefined)
    }
  }

  return {
    file: source.name,
    size: csv.size,
    encoding: csv.encoding,
    header,
    headerLine: csv.headerLine,
    items: items(),
  }
}
