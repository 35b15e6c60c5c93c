/**
 * Units in their usual printed form (issue 12): kg/m², mg/dL, 10⁴/µL, mL/min/1.73m² … The national
 * format writes them in plain ASCII ('kg/m2', 'mg/dl', '万/mm3') and UCUM in its own code
 * ('mm[Hg]', '10*4/uL', 'mL/min/{1.73_m2}'); both stay as stored (the import, the FHIR export and
 * isItemUnit read them), and every screen that shows a unit (results, criteria, trend chart, print)
 * passes it through displayUnit. Pure: no DOM, no locale.
 */

/** A unit's key: NFKC, no spaces, lower case (the spellings differ only in these). */
const keyOf = (unit: string) => unit.normalize('NFKC').replace(/\s+/g, '').toLowerCase()

/** The catalogue's units, in either spelling (national or UCUM), and their usual form. */
const KNOWN: Readonly<Record<string, string>> = {
  'kg/m2': 'kg/m²',
  cm2: 'cm²',
  'mg/dl': 'mg/dL',
  'g/dl': 'g/dL',
  'u/l': 'U/L',
  'iu/l': 'IU/L',
  mmhg: 'mmHg',
  'mm[hg]': 'mmHg',
  // 1 mm³ is 1 µL: 万/mm³ and 10⁴/µL are the same count, the latter the form reports print today.
  '万/mm3': '10⁴/µL',
  '万/μl': '10⁴/µL',
  '万/µl': '10⁴/µL',
  '10*4/ul': '10⁴/µL',
  '10^4/ul': '10⁴/µL',
  'x10^4/ul': '10⁴/µL',
  '10*3/ul': '10³/µL',
  '10^3/ul': '10³/µL',
  '/mm3': '/µL',
  '/ul': '/µL',
  'ml/min/1.73m2': 'mL/min/1.73m²',
  'ml/min/{1.73_m2}': 'mL/min/1.73m²',
  'ml/min/1.73_m2': 'mL/min/1.73m²',
  'mg/l': 'mg/L',
  'g/l': 'g/L',
  'mmol/l': 'mmol/L',
  'µmol/l': 'µmol/L',
  'umol/l': 'µmol/L',
  'pg/ml': 'pg/mL',
  'ng/ml': 'ng/mL',
  ml: 'mL',
  dl: 'dL',
  l: 'L',
}

const SUPERSCRIPT: Readonly<Record<string, string>> = { '2': '²', '3': '³' }

/**
 * A unit as shown: the usual form of a known one; otherwise the plain-ASCII habits tidied (a
 * length's square or cube as a superscript, litres as L, micro as µ), the rest as given. Empty stays empty.
 */
export function displayUnit(unit: string | null | undefined): string {
  const given = (unit ?? '').trim()
  if (given === '') return ''
  const known = KNOWN[keyOf(given)]
  if (known) return known
  return given
    .replace(
      /\b(k?m|cm|mm)([23])(?![\d.])/g,
      (_, base: string, power: string) => base + SUPERSCRIPT[power],
    )
    .replace(/\b([mdµu]?)l\b/g, (_, prefix: string) => `${prefix === 'u' ? 'µ' : prefix}L`)
}
