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
import { join } from 'node:path'
import { ROSTER_COLUMNS } from '../core/roster.ts'
import { FAMILY, FEMALE, MALE, random } from './lib/generate.ts'
import { generatorArgs, runAsScript, wholeNumber } from './lib/generate.ts'
import { ZipWriter } from './lib/zip.ts'

export { writeZip, ZipWriter, type ZipEntryOptions } from './lib/zip.ts'

// ---------------------------------------------------------------------------------------------------------
// documents

const SURNAMES = FAMILY.slice(0, 10)
const COMMENTS = [
  '異常なし',
  '要経過観察',
  '要再検査（血糖）',
  '要精密検査（脂質）',
  '生活習慣の改善を要す',
]
const INSTITUTION = { id: '1310000099', name: 'ベンチ健診センター' }

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
  const family = SURNAMES[Math.floor(rnd() * SURNAMES.length)]
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

const ROSTER_HEADER = `${ROSTER_COLUMNS.map((c) => c.ja).join(',')}\n`

const USAGE =
  'usage: node --experimental-strip-types bench/gen-checkups.ts --docs N --out FILE.zip|FOLDER ' +
  '[--insurer 06139992] [--date YYYY-MM-DD] [--seed N] [--roster FILE.csv]\n'

async function cli(argv: string[]): Promise<number> {
  const values = generatorArgs(argv, USAGE, (v) => {
    const date = v.date as string | undefined
    const insurer = (v.insurer as string | undefined) ?? '06139992'
    return (
      wholeNumber(v.docs) &&
      /^\d{8}$/.test(insurer) &&
      (date === undefined || /^\d{4}-\d{2}-\d{2}$/.test(date))
    )
  })
  if (typeof values === 'number') return values
  const docs = Number(values.docs)
  const insurer = (values.insurer as string | undefined) ?? '06139992'
  const target = values.out as string
  const rosterFile = values.roster as string | undefined
  const started = Date.now()
  const generate = checkupDocuments({
    docs,
    insurer,
    date: values.date as string | undefined,
    seed: values.seed ? Number(values.seed) : 1,
  })
  const roster = rosterFile ? createWriteStream(rosterFile) : null
  roster?.write(ROSTER_HEADER)
  const toRoster = async (p: GeneratedPerson) => {
    if (!roster) return
    const line = `${p.personKey},${p.insurer},${p.symbol},${p.number},${p.branch},${p.nameKana},${p.birthDate},${p.sex},1,2010-04-01,,100-0000,東京都千代田区ベンチ町1-1\n`
    if (!roster.write(line)) await once(roster, 'drain')
  }
  const zipped = target.toLowerCase().endsWith('.zip')
  if (zipped) {
    const out = createWriteStream(target)
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
    await mkdir(join(target, 'DATA'), { recursive: true })
    await writeFile(join(target, 'ix08_V08.xml'), INDEX_XML(docs, insurer))
    await writeFile(join(target, 'su08_V08.xml'), SUMMARY_XML(docs))
    for (const doc of generate) {
      await writeFile(join(target, doc.name), doc.xml)
      await toRoster(doc.person)
    }
  }
  if (roster) {
    roster.end()
    await finished(roster)
  }
  process.stderr.write(
    `${docs} documents → ${target}${roster ? ` (roster ${rosterFile})` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  )
  return 0
}

await runAsScript(import.meta.url, cli)
