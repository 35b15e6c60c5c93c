/**
 * Parsing one checkup DATA file (特定健診情報ファイル, HL7 CDA R2 ClinicalDocument) with saxes, a strict,
 * namespace-aware streaming parser: nothing is built but the result, so memory is bounded by the limits below
 * and in ./checkup-cda.ts. No network, no database: the caller matches the person and sends the result.
 * Here: the input (text, bytes or a stream) decoded to text in slices; ./checkup-xml-reader.ts reads the
 * document from the parser's events.
 *
 * Bad input never throws: every failure is `{ ok: false, reason, detail }` with `reason` a stable key
 * (see XmlRejectReason) and `detail` plain English (with the line and column where the parser was).
 */
import { SaxesParser } from 'saxes'
import { fail, Stop, type XmlFailure, type XmlResult } from './checkup-cda.ts'
import { DocumentReader } from './checkup-xml-reader.ts'
import { concatBytes } from './source.ts'
import { utf8Length } from '../utf8.ts'

export {
  HL7_V3,
  hl7Date,
  INTERPRETATION_SYSTEM,
  MAX_DEPTH,
  MAX_OBSERVATIONS,
  OID,
  XSI,
  type CheckupDocument,
  type CodedValue,
  type PqValue,
  type ResultValue,
  type XmlFailure,
  type XmlRejectReason,
  type XmlResult,
} from './checkup-cda.ts'

/** A DATA file larger than this (bytes) is refused before parsing. */
export const MAX_XML_BYTES = 2 * 1024 * 1024
/** Input is handed to the parser in slices of this many characters (a limit stops it between two slices). */
const SLICE_CHARS = 64 * 1024

/** Text, bytes, or a stream of either (a Node Readable is one). */
export type XmlInput = string | Uint8Array | AsyncIterable<string | Uint8Array>

// ---------------------------------------------------------------------------------------------------------
// bytes → text

const ENCODINGS: Record<string, 'utf-8' | 'shift_jis'> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  shift_jis: 'shift_jis',
  'shift-jis': 'shift_jis',
  sjis: 'shift_jis',
  'windows-31j': 'shift_jis',
  cp932: 'shift_jis',
  ms932: 'shift_jis',
}

/** The encoding of an XML file from its first bytes: a UTF-8 BOM, else the XML declaration, else UTF-8. */
export function sniffXmlEncoding(
  head: Uint8Array,
): { ok: true; encoding: 'utf-8' | 'shift_jis' } | XmlFailure {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { ok: true, encoding: 'utf-8' }
  if (
    head.length >= 2 &&
    ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
  ) {
    return {
      ok: false,
      reason: 'bad_encoding',
      detail: 'UTF-16 is not supported; save the file as UTF-8',
    }
  }
  // latin1: one character a byte (only the ASCII of the declaration matters to the pattern)
  const start = String.fromCharCode(...head.subarray(0, 200))
  const decl = /^<\?xml[^>]*?\bencoding\s*=\s*["']([^"']+)["']/.exec(start)
  if (!decl) return { ok: true, encoding: 'utf-8' }
  const encoding = ENCODINGS[decl[1].toLowerCase()]
  if (!encoding)
    return { ok: false, reason: 'bad_encoding', detail: `unsupported encoding "${decl[1]}"` }
  return { ok: true, encoding }
}

/** Decodes a whole XML file held in memory (an archive entry). */
export function decodeXmlBytes(bytes: Uint8Array): { ok: true; text: string } | XmlFailure {
  if (bytes.length > MAX_XML_BYTES) return tooLarge(bytes.length)
  const sniffed = sniffXmlEncoding(bytes)
  if (!sniffed.ok) return sniffed
  try {
    return { ok: true, text: new TextDecoder(sniffed.encoding, { fatal: true }).decode(bytes) }
  } catch {
    return {
      ok: false,
      reason: 'bad_encoding',
      detail: `bytes that are not valid ${sniffed.encoding}`,
    }
  }
}

function tooLarge(bytes?: number): XmlFailure {
  return {
    ok: false,
    reason: 'too_large',
    detail: `the document is larger than ${MAX_XML_BYTES / 1024 / 1024} MB${bytes ? ` (${bytes} bytes)` : ''}`,
  }
}

function isAsyncIterable(x: unknown): x is AsyncIterable<string | Uint8Array> {
  return typeof x === 'object' && x !== null && Symbol.asyncIterator in x
}

/** Text chunks of the input; counts bytes and stops past MAX_XML_BYTES. */
async function* textChunks(input: XmlInput): AsyncGenerator<string> {
  if (typeof input === 'string') {
    if (utf8Length(input) > MAX_XML_BYTES) fail('too_large', tooLarge(utf8Length(input)).detail)
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
    for (let i = 0; i < text.length; i += SLICE_CHARS) yield text.slice(i, i + SLICE_CHARS)
    return
  }
  if (input instanceof Uint8Array) {
    const decoded = decodeXmlBytes(input)
    if (!decoded.ok) throw new Stop(decoded)
    yield* textChunks(decoded.text)
    return
  }
  if (!isAsyncIterable(input)) fail('read_error', 'the input is neither text, bytes nor a stream')
  let bytes = 0
  let head: Uint8Array[] | null = [] // bytes held until the encoding is known
  let headBytes = 0
  let decoder: TextDecoder | null = null
  let first = true
  const decode = (chunk: Uint8Array, stream: boolean): string => {
    try {
      return (decoder as TextDecoder).decode(chunk, { stream })
    } catch {
      fail('bad_encoding', `bytes that are not valid ${(decoder as TextDecoder).encoding}`)
    }
  }
  const startDecoding = (): string => {
    const all = concatBytes(head as Uint8Array[])
    head = null
    const sniffed = sniffXmlEncoding(all)
    if (!sniffed.ok) throw new Stop(sniffed)
    decoder = new TextDecoder(sniffed.encoding, { fatal: true }) // drops a UTF-8 BOM
    return decode(all, true)
  }
  try {
    for await (const chunk of input) {
      if (typeof chunk === 'string') {
        bytes += utf8Length(chunk)
        if (bytes > MAX_XML_BYTES) fail('too_large', tooLarge().detail)
        if (head && headBytes > 0) fail('read_error', 'the stream mixes text and bytes')
        head = null
        const text = first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk
        first = false
        if (text.length > 0) yield text
        continue
      }
      bytes += chunk.length
      if (bytes > MAX_XML_BYTES) fail('too_large', tooLarge().detail)
      first = false
      if (head) {
        head.push(chunk)
        headBytes += chunk.length
        if (headBytes < 256) continue
        const text = startDecoding()
        if (text) yield text
        continue
      }
      if (!decoder) fail('read_error', 'the stream mixes text and bytes')
      const text = decode(chunk, true)
      if (text) yield text
    }
  } catch (err) {
    if (err instanceof Stop) throw err
    fail('read_error', (err as Error)?.message ?? String(err))
  }
  if (head && headBytes > 0) {
    const text = startDecoding()
    if (text) yield text
  }
  if (decoder) {
    const tail = decode(new Uint8Array(0), false)
    if (tail) yield tail
  }
}

// ---------------------------------------------------------------------------------------------------------
// text → CheckupDocument

/** Parses one ClinicalDocument. Never throws for bad input. */
export async function parseCheckupXml(input: XmlInput): Promise<XmlResult> {
  const parser = new SaxesParser({ xmlns: true, position: true })
  const reader = new DocumentReader(parser)
  parser.on('doctype', () =>
    fail('doctype_not_allowed', 'a DOCTYPE is not allowed in a checkup document', reader.at()),
  )
  parser.on('opentag', (tag) => reader.open(tag))
  parser.on('text', (text) => reader.text(text))
  parser.on('cdata', (text) => reader.text(text))
  parser.on('closetag', () => reader.close())
  parser.on('error', (err) => {
    const m = /^(?:[^:]*:)?\d+:\d+: (.*)$/s.exec(err.message)
    const message = m ? m[1] : err.message
    fail('malformed', `line ${parser.line}, column ${parser.column}: ${message}`, reader.at())
  })

  try {
    for await (const chunk of textChunks(input)) parser.write(chunk)
    parser.close()
  } catch (err) {
    if (err instanceof Stop) return err.failure
    return {
      ok: false,
      reason: 'malformed',
      detail: (err as Error)?.message ?? String(err),
      ...reader.at(),
    }
  }
  return reader.result()
}
