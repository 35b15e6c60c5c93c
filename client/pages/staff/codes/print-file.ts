/**
 * The postcard print file as the console writes it (core/postcard.ts: BOM, header, Excel-safe rows, CRLF).
 * Two ways, as the browser allows:
 * - straight to the disk where the File System Access API exists (`showSaveFilePicker`): the file is chosen
 *   before anything is issued, each answer is written as it comes, and `close()` resolving means saved;
 * - else in memory (Blob parts), offered as a download. The browser says nothing about whether a download
 *   was saved, so the operator picks the saved file back and `matches` compares its SHA-256 and rows with
 *   what was produced.
 * The plain codes are only ever in this file: never in the page, never in storage.
 */
import {
  POSTCARD_START,
  postcardLines,
  postcardRowCount,
  type PostcardCode,
} from '../../../../core/postcard'

/** The part of FileSystemWritableFileStream this file uses. */
type Writable = {
  write(data: string): Promise<void>
  close(): Promise<void>
  abort(reason?: unknown): Promise<void>
}
type SaveHandle = { name: string; createWritable(): Promise<Writable> }
type SavePicker = (options: {
  suggestedName: string
  types: { description: string; accept: Record<string, string[]> }[]
}) => Promise<SaveHandle>

const picker = (): SavePicker | undefined =>
  (globalThis as { showSaveFilePicker?: SavePicker }).showSaveFilePicker

/** Whether this browser can write the file straight to the disk (Chromium on a PC). */
export const canWriteDirect = () => typeof picker() === 'function'

/** What the operator's saved copy is compared with. */
export type Produced = { blob: Blob; sha256: string; rows: number; name: string }

export interface PrintFile {
  readonly direct: boolean
  /** The file's name (as picked, or the download's suggested name). */
  readonly name: string
  /** Rows written so far. */
  readonly rows: number
  /** Writes the rows of one answer (and the BOM and header before the first). */
  write(codes: PostcardCode[]): Promise<void>
  /** Ends the file: on the disk (resolves once saved), or in memory as what to download and check. */
  finish(): Promise<Produced | null>
  /** Drops what was written (a direct file is left as it was before). */
  abort(): Promise<void>
}

/** The print file's suggested name: postcards-<insurer>-<YYYYMMDD-HHmm in Japan>.csv. */
export function printFileName(insurer: string, now: number): string {
  const jst = new Date(now + 9 * 3_600_000).toISOString()
  const stamp = `${jst.slice(0, 10).replace(/-/g, '')}-${jst.slice(11, 16).replace(':', '')}`
  return `postcards-${insurer}-${stamp}.csv`
}

/** SHA-256 of some bytes, in hex. */
export async function sha256Hex(data: Blob | ArrayBuffer): Promise<string> {
  const bytes = data instanceof Blob ? await data.arrayBuffer() : data
  const digest = await crypto.subtle.digest('SHA-256', bytes)
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * Asks where to save the file (the browser's save dialog). Throws the picker's AbortError when the
 * operator cancels: nothing is issued then.
 */
export async function pickPrintFile(
  insurer: string,
  suggestedName: string,
  description: string,
): Promise<PrintFile> {
  const handle = await picker()!({
    suggestedName,
    types: [{ description, accept: { 'text/csv': ['.csv'] } }],
  })
  const writable = await handle.createWritable()
  let rows = 0
  let started = false
  return {
    direct: true,
    name: handle.name,
    get rows() {
      return rows
    },
    async write(codes) {
      if (codes.length === 0) return
      const text = (started ? '' : POSTCARD_START) + postcardLines(insurer, codes)
      await writable.write(text)
      started = true
      rows += codes.length
    },
    async finish() {
      if (!started) await writable.write(POSTCARD_START)
      await writable.close()
      return null
    },
    async abort() {
      await writable.abort().catch(() => {})
    },
  }
}

/** The file in memory, to be downloaded and checked (browsers without the File System Access API). */
export function memoryPrintFile(insurer: string, name: string): PrintFile {
  let parts: string[] = [POSTCARD_START]
  let rows = 0
  return {
    direct: false,
    name,
    get rows() {
      return rows
    },
    async write(codes) {
      if (codes.length === 0) return
      parts.push(postcardLines(insurer, codes))
      rows += codes.length
    },
    async finish() {
      const blob = new Blob(parts, { type: 'text/csv;charset=utf-8' })
      parts = []
      return { blob, sha256: await sha256Hex(blob), rows, name }
    },
    async abort() {
      parts = []
    },
  }
}

/**
 * Whether a file the operator picked is the one produced: the same bytes (SHA-256), else why not —
 * another print file ('rows': its rows differ, 'changed': same rows, other bytes, e.g. saved again by a
 * spreadsheet) or not a print file at all ('other').
 */
export async function checkSaved(
  file: Blob,
  produced: Pick<Produced, 'sha256' | 'rows'>,
): Promise<'same' | 'rows' | 'changed' | 'other'> {
  const bytes = await file.arrayBuffer()
  if ((await sha256Hex(bytes)) === produced.sha256) return 'same'
  const rows = postcardRowCount(new TextDecoder('utf-8').decode(bytes))
  if (rows === null) return 'other'
  return rows === produced.rows ? 'changed' : 'rows'
}
