/**
 * Generates checkup DATA files (特定健診情報ファイル, HL7 CDA) for benchmarks, into a zip laid out like a real
 * archive (ix08_V08.xml, su08_V08.xml, DATA/h….xml) or into a folder, streamed (constant memory at any size):
 *
 *   node --experimental-strip-types bench/gen-checkups.ts --docs 10000 --out /tmp/checkups.zip \
 *     [--insurer 06139992] [--date 2026-06-01] [--seed 1] [--roster /tmp/checkup-roster.csv]
 *
 * Persons are D0000, D0001 … (wider keys past 10,000), each with a card of its own: 記号 5000 + i/1000,
 * 番号 100000 + i, 枝番 00, so no card repeats. `--roster` writes the matching roster CSV, to load first so
 * that every document finds its person. Documents hold ~20 items in every value form (PQ, some with a
 * reference range, CO urine codes, CD judgements, ST comments, not performed, not measurable, an ECG group).
 * The same arguments give the same files.
 */
import { createWriteStream } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { once } from 'node:events'
import { finished } from 'node:stream/promises'
import type { Writable } from 'node:stream'
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'
import { join, resolve } from 'node:path'
import { crc32, deflateRawSync } from 'node:zlib'

// ---------------------------------------------------------------------------------------------------------
// a small streaming zip writer (deflate or stored; zip64 end records past 65,535 entries)

export type ZipEntryOptions = {
  /** 8 deflate (default), 0 stored. */
  method?: 0 | 8
  /** Extra general-purpose flag bits (tests: 0x1 claims encryption). */
  flags?: number
  /** Written instead of the real uncompressed size (tests: a lying header). */
  declaredSize?: number
  /** The name's bytes as stored, instead of the UTF-8 of `name` (tests: odd names). */
  nameBytes?: Buffer
}

type CentralEntry = {
  name: Buffer
  flags: number
  method: number
  crc: number
  compressed: number
  size: number
  offset: number
}

const DOS_TIME = (12 << 11) | (0 << 5) // 12:00:00
const DOS_DATE = ((2026 - 1980) << 9) | (6 << 5) | 1 // 2026-06-01

export class ZipWriter {
  out: Writable
  offset = 0
  entries: CentralEntry[] = []

  constructor(out: Writable) {
    this.out = out
  }

  async write(buffer: Buffer): Promise<void> {
    this.offset += buffer.length
    if (!this.out.write(buffer)) await once(this.out, 'drain')
  }

  async add(
    name: string,
    content: string | Uint8Array,
    options: ZipEntryOptions = {},
  ): Promise<void> {
    const data =
      typeof content === 'string'
        ? Buffer.from(content)
        : Buffer.from(content.buffer, content.byteOffset, content.byteLength)
    const method = options.method ?? 8
    const body = method === 8 ? deflateRawSync(data) : data
    const nameBytes = options.nameBytes ?? Buffer.from(name)
    const entry: CentralEntry = {
      name: nameBytes,
      flags: 0x800 | (options.flags ?? 0), // names are UTF-8
      method,
      crc: crc32(data),
      compressed: body.length,
      size: options.declaredSize ?? data.length,
      offset: this.offset,
    }
    if (entry.offset > 0xfffffffe || entry.compressed > 0xfffffffe)
      throw new Error('zip entries past 4 GB are not supported')
    const header = Buffer.alloc(30)
    header.writeUInt32LE(0x04034b50, 0)
    header.writeUInt16LE(20, 4)
    header.writeUInt16LE(entry.flags, 6)
    header.writeUInt16LE(method, 8)
    header.writeUInt16LE(DOS_TIME, 10)
    header.writeUInt16LE(DOS_DATE, 12)
    header.writeUInt32LE(entry.crc, 14)
    header.writeUInt32LE(entry.compressed, 18)
    header.writeUInt32LE(Math.min(entry.size, 0xffffffff), 22)
    header.writeUInt16LE(nameBytes.length, 26)
    header.writeUInt16LE(0, 28)
    await this.write(header)
    await this.write(nameBytes)
    await this.write(body)
    this.entries.push(entry)
  }

  /** Writes the central directory; `entryCount` overrides the count in the end record (tests: a lie). */
  async close(options: { entryCount?: number } = {}): Promise<void> {
    const cdStart = this.offset
    for (const e of this.entries) {
      const h = Buffer.alloc(46)
      h.writeUInt32LE(0x02014b50, 0)
      h.writeUInt16LE(20, 4)
      h.writeUInt16LE(20, 6)
      h.writeUInt16LE(e.flags, 8)
      h.writeUInt16LE(e.method, 10)
      h.writeUInt16LE(DOS_TIME, 12)
      h.writeUInt16LE(DOS_DATE, 14)
      h.writeUInt32LE(e.crc, 16)
      h.writeUInt32LE(e.compressed, 20)
      h.writeUInt32LE(Math.min(e.size, 0xffffffff), 24)
      h.writeUInt16LE(e.name.length, 28)
      // extra, comment, disk, internal attributes: 0
      h.writeUInt32LE(e.offset, 42)
      await this.write(h)
      await this.write(e.name)
    }
    const cdSize = this.offset - cdStart
    const count = options.entryCount ?? this.entries.length
    const zip64 = count > 0xfffe || cdStart > 0xfffffffe
    if (zip64) {
      const record = Buffer.alloc(56)
      const recordOffset = this.offset
      record.writeUInt32LE(0x06064b50, 0)
      record.writeBigUInt64LE(44n, 4)
      record.writeUInt16LE(45, 12)
      record.writeUInt16LE(45, 14)
      record.writeBigUInt64LE(BigInt(count), 24)
      record.writeBigUInt64LE(BigInt(count), 32)
      record.writeBigUInt64LE(BigInt(cdSize), 40)
      record.writeBigUInt64LE(BigInt(cdStart), 48)
      const locator = Buffer.alloc(20)
      locator.writeUInt32LE(0x07064b50, 0)
      locator.writeBigUInt64LE(BigInt(recordOffset), 8)
      locator.writeUInt32LE(1, 16)
      await this.write(record)
      await this.write(locator)
    }
    const end = Buffer.alloc(22)
    end.writeUInt32LE(0x06054b50, 0)
    end.writeUInt16LE(zip64 ? 0xffff : count, 8)
    end.writeUInt16LE(zip64 ? 0xffff : count, 10)
    end.writeUInt32LE(cdSize, 12)
    end.writeUInt32LE(zip64 ? 0xffffffff : cdStart, 16)
    await this.write(end)
  }
}

/** Writes a zip file from a list of entries (tests). */
export async function writeZip(
  path: string,
  entries: Array<{ name: string; content: string | Uint8Array; options?: ZipEntryOptions }>,
  close: { entryCount?: number } = {},
): Promise<void> {
  const out = createWriteStream(path)
  const zip = new ZipWriter(out)
  for (const e of entries) await zip.add(e.name, e.content, e.options)
  await zip.close(close)
  out.end()
  await finished(out)
}

// ---------------------------------------------------------------------------------------------------------
// documents

const FAMILY = [
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
]
const MALE = ['タロウ', 'イチロウ', 'ケンタ', 'ヒロシ', 'タクヤ', 'ショウタ']
const FEMALE = ['ハナコ', 'ユウコ', 'サクラ', 'ミサキ', 'アヤ', 'ナオミ']
const COMMENTS = [
  '異常なし',
  '要経過観察',
  '要再検査（血糖）',
  '要精密検査（脂質）',
  '生活習慣の改善を要す',
]
const INSTITUTION = { id: '1310000099', name: 'ベンチ健診センター' }

/** mulberry32: small, fast, deterministic. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export type GeneratedPerson = {
  personKey: string
  insurer: string
  symbol: string
  number: string
  branch: string
  nameKana: string
  birthDate: string // YYYY-MM-DD
  sex: 1 | 2
}

export function personKey(i: number, docs: number): string {
  return `D${String(i).padStart(Math.max(4, String(Math.max(0, docs - 1)).length), '0')}`
}

export function generatedPerson(
  i: number,
  docs: number,
  insurer: string,
  rnd: () => number,
): GeneratedPerson {
  const sex = rnd() < 0.5 ? 1 : 2
  const family = FAMILY[Math.floor(rnd() * FAMILY.length)]
  const given = (sex === 1 ? MALE : FEMALE)[Math.floor(rnd() * 6)]
  const birth = new Date(Date.UTC(1955, 0, 1) + Math.floor(rnd() * 16000) * 86_400_000)
    .toISOString()
    .slice(0, 10)
  return {
    personKey: personKey(i, docs),
    insurer,
    symbol: String(5000 + Math.floor(i / 1000)),
    number: String(100000 + i),
    branch: '00',
    nameKana: `${family}　${given}`,
    birthDate: birth,
    sex,
  }
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const ymd = (iso: string) => iso.replaceAll('-', '')
const fixed = (x: number, digits: number) => x.toFixed(digits)

function observation(code: string, inner: string, attrs = ''): string {
  return (
    `<entry><observation classCode="OBS" moodCode="EVN"${attrs}>` +
    `<code code="${code}" codeSystem="1.2.392.200119.6.1005"/>${inner}</observation></entry>\n`
  )
}
const pq = (value: string, unit: string, extra = '') =>
  `<value xsi:type="PQ" value="${value}" unit="${escapeXml(unit)}"/>${extra}`
const coded = (type: 'CD' | 'CO', code: string, system: string) =>
  `<value xsi:type="${type}" code="${code}" codeSystem="${system}"/>`
const range = (low: string, high: string, unit: string) =>
  `<referenceRange><observationRange classCode="OBS" moodCode="EVN.CRT"><value xsi:type="IVL_PQ">` +
  `<low value="${low}" unit="${unit}"/><high value="${high}" unit="${unit}"/></value></observationRange></referenceRange>`

/** One DATA document for a person. */
export function checkupDocument(
  person: GeneratedPerson,
  examDate: string,
  rnd: () => number,
): string {
  const height = 145 + rnd() * 40
  const weight = 40 + rnd() * 50
  const bmi = weight / (height / 100) ** 2
  const between = (lo: number, hi: number) => Math.round(lo + rnd() * (hi - lo))
  const tg = between(40, 420)
  const glucose = between(75, 160)
  let items = ''
  items += observation('9N001000000000001', pq(fixed(height, 1), 'cm'))
  items += observation('9N006000000000001', pq(fixed(weight, 1), 'kg'))
  items += observation('9N011000000000001', pq(fixed(bmi, 1), 'kg/m2'))
  items += observation('9N016160100000001', pq(fixed(60 + rnd() * 45, 1), 'cm'))
  items += observation('9A751000000000001', pq(String(between(95, 175)), 'mmHg'))
  items += observation('9A761000000000001', pq(String(between(55, 110)), 'mmHg'))
  items += observation(
    '3F015000002327101',
    pq(String(tg), 'mg/dl') +
      (tg > 149 ? '<interpretationCode code="H" codeSystem="2.16.840.1.113883.5.83"/>' : '') +
      range('30', '149', 'mg/dl'),
  )
  items += observation('3F070000002327101', pq(String(between(28, 95)), 'mg/dl'))
  items += observation('3F077000002327101', pq(String(between(60, 210)), 'mg/dl'))
  items += observation('3B035000002327201', pq(String(between(12, 60)), 'U/l'))
  items += observation('3B045000002327201', pq(String(between(8, 70)), 'U/l'))
  items += observation('3B090000002327101', pq(String(between(10, 150)), 'U/l'))
  items +=
    rnd() < 0.05
      ? observation('3D010000001926101', '', ' negationInd="true"')
      : observation('3D010000001926101', pq(String(glucose), 'mg/dl'))
  items += observation('3D046000001906202', pq(fixed(4.8 + rnd() * 2.5, 1), '%'))
  items +=
    rnd() < 0.02
      ? observation('2A030000001930101', '<value xsi:type="PQ" nullFlavor="NI"/>')
      : observation('2A030000001930101', pq(fixed(11 + rnd() * 6, 1), 'g/dl'))
  items += observation(
    '1A020000000191111',
    coded('CO', String(rnd() < 0.9 ? 1 : between(2, 5)), '1.2.392.200119.6.2102'),
  )
  items += observation(
    '1A010000000191111',
    coded('CO', String(rnd() < 0.85 ? 1 : between(2, 5)), '1.2.392.200119.6.2102'),
  )
  items += observation(
    '9N501000000000011',
    coded('CD', String(between(1, 3)), '1.2.392.200119.6.1008'),
  )
  items += observation(
    '9N506000000000011',
    coded('CD', String(between(1, 3)), '1.2.392.200119.6.3001'),
  )
  items += observation(
    '9N511000000000049',
    `<value xsi:type="ST">${escapeXml(COMMENTS[Math.floor(rnd() * COMMENTS.length)])}</value>`,
  )
  let optional = ''
  if (rnd() < 0.3) {
    const finding = rnd() < 0.3
    optional += observation(
      '9A110160700000011',
      coded('CD', finding ? '1' : '2', '1.2.392.200119.6.2002') +
        (finding
          ? `<entryRelationship typeCode="COMP"><observation classCode="OBS" moodCode="EVN">` +
            `<code code="9A110160800000049" codeSystem="1.2.392.200119.6.1005"/><value xsi:type="ST">洞性徐脈</value>` +
            `</observation></entryRelationship>`
          : ''),
    )
  }
  const date = ymd(examDate)
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n` +
    `<typeId root="2.16.840.1.113883.1.3" extension="POCD_HD000040"/>\n<id nullFlavor="NI"/>\n` +
    `<code code="10" codeSystem="1.2.392.200119.6.1001"/>\n<effectiveTime value="${date}"/>\n` +
    `<confidentialityCode code="N" codeSystem="2.16.840.1.113883.5.25"/>\n` +
    `<recordTarget><patientRole>\n` +
    `<id root="1.2.392.200119.6.101" extension="${person.insurer}"/>\n` +
    `<id root="1.2.392.200119.6.204" extension="${escapeXml(person.symbol)}"/>\n` +
    `<id root="1.2.392.200119.6.205" extension="${escapeXml(person.number)}"/>\n` +
    `<id root="1.2.392.200119.6.211" extension="${person.branch}"/>\n` +
    `<patient><name>${escapeXml(person.nameKana)}</name>` +
    `<administrativeGenderCode code="${person.sex}" codeSystem="1.2.392.200119.6.1104"/>` +
    `<birthTime value="${ymd(person.birthDate)}"/></patient>\n</patientRole></recordTarget>\n` +
    `<author><time value="${date}"/><assignedAuthor><id nullFlavor="NI"/><representedOrganization>` +
    `<id root="1.2.392.200119.6.102" extension="${INSTITUTION.id}"/><name>${INSTITUTION.name}</name>` +
    `</representedOrganization></assignedAuthor></author>\n` +
    `<custodian><assignedCustodian><representedCustodianOrganization><id nullFlavor="NI"/>` +
    `</representedCustodianOrganization></assignedCustodian></custodian>\n` +
    `<documentationOf><serviceEvent><code code="010" codeSystem="1.2.392.200119.6.1002"/>` +
    `<effectiveTime value="${date}"/></serviceEvent></documentationOf>\n` +
    `<component><structuredBody>\n` +
    `<component><section><code code="01010" codeSystem="1.2.392.200119.6.1010"/>\n${items}</section></component>\n` +
    (optional
      ? `<component><section><code code="01990" codeSystem="1.2.392.200119.6.1010"/>\n${optional}</section></component>\n`
      : '') +
    `</structuredBody></component>\n</ClinicalDocument>\n`
  )
}

export type GenerateOptions = { docs: number; insurer?: string; date?: string; seed?: number }

/** The documents, one at a time: file name (DATA/h…), person and text. */
export function* checkupDocuments(
  options: GenerateOptions,
): Generator<{ name: string; person: GeneratedPerson; examDate: string; xml: string }> {
  const insurer = options.insurer ?? '06139992'
  const start = Date.parse(`${options.date ?? '2026-06-01'}T00:00:00Z`)
  const rnd = random(options.seed ?? 1)
  for (let i = 0; i < options.docs; i++) {
    const person = generatedPerson(i, options.docs, insurer, rnd)
    const examDate = new Date(start + (i % 120) * 86_400_000).toISOString().slice(0, 10)
    const name = `DATA/h${INSTITUTION.id}${ymd(examDate)}${String(i + 1).padStart(7, '0')}.xml`
    yield { name, person, examDate, xml: checkupDocument(person, examDate, rnd) }
  }
}

const INDEX_XML = (docs: number, insurer: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<index xmlns="http://tokuteikenshin.jp/checkup/2023">` +
  `<interactionType>1</interactionType><creationTime value="20260601"/><sender><id>${INSTITUTION.id}</id></sender>` +
  `<receiver><id>${insurer}</id></receiver><serviceEventType>1</serviceEventType><totalRecordCount value="${docs}"/></index>\n`
const SUMMARY_XML = (docs: number) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<summary xmlns="http://tokuteikenshin.jp/checkup/2023">` +
  `<serviceEventType>1</serviceEventType><totalSubjectCount value="${docs}"/></summary>\n`

const ROSTER_HEADER =
  '個人識別番号,保険者番号,記号,番号,枝番,氏名カナ,生年月日,性別,続柄,資格取得日,資格喪失日,郵便番号,住所\n'

async function cli(argv: string[]): Promise<number> {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        docs: { type: 'string' },
        out: { type: 'string' },
        insurer: { type: 'string' },
        date: { type: 'string' },
        seed: { type: 'string' },
        roster: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }))
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`)
    return 2
  }
  const usage =
    'usage: node --experimental-strip-types bench/gen-checkups.ts --docs N --out FILE.zip|FOLDER ' +
    '[--insurer 06139992] [--date YYYY-MM-DD] [--seed N] [--roster FILE.csv]\n'
  if (values.help) {
    process.stdout.write(usage)
    return 0
  }
  const docs = Number(values.docs)
  const insurer = values.insurer ?? '06139992'
  if (!Number.isInteger(docs) || docs < 0 || !values.out || !/^\d{8}$/.test(insurer)) {
    process.stderr.write(usage)
    return 2
  }
  if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) {
    process.stderr.write(usage)
    return 2
  }
  const started = Date.now()
  const generate = checkupDocuments({
    docs,
    insurer,
    date: values.date,
    seed: values.seed ? Number(values.seed) : 1,
  })
  const roster = values.roster ? createWriteStream(values.roster) : null
  roster?.write(ROSTER_HEADER)
  const toRoster = async (p: GeneratedPerson) => {
    if (!roster) return
    const line = `${p.personKey},${p.insurer},${p.symbol},${p.number},${p.branch},${p.nameKana},${p.birthDate},${p.sex},1,2010-04-01,,100-0000,東京都千代田区ベンチ町1-1\n`
    if (!roster.write(line)) await once(roster, 'drain')
  }
  const zipped = values.out.toLowerCase().endsWith('.zip')
  if (zipped) {
    const out = createWriteStream(values.out)
    const zip = new ZipWriter(out)
    await zip.add('ix08_V08.xml', INDEX_XML(docs, insurer))
    await zip.add('su08_V08.xml', SUMMARY_XML(docs))
    for (const doc of generate) {
      await zip.add(doc.name, doc.xml)
      await toRoster(doc.person)
    }
    await zip.close()
    out.end()
    await finished(out)
  } else {
    await mkdir(join(values.out, 'DATA'), { recursive: true })
    await writeFile(join(values.out, 'ix08_V08.xml'), INDEX_XML(docs, insurer))
    await writeFile(join(values.out, 'su08_V08.xml'), SUMMARY_XML(docs))
    for (const doc of generate) {
      await writeFile(join(values.out, doc.name), doc.xml)
      await toRoster(doc.person)
    }
  }
  if (roster) {
    roster.end()
    await finished(roster)
  }
  process.stderr.write(
    `${docs} documents → ${values.out}${roster ? ` (roster ${values.roster})` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  )
  return 0
}

if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(resolve(process.argv[1])).href
) {
  process.exitCode = await cli(process.argv.slice(2))
}
