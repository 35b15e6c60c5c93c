/**
 * The checkup item catalogue (docs/data-formats.md, "Item catalogue"): which logical item a 17-character
 * item code (JLAC10-based, system 1.2.392.200119.6.1005) stands for, how it is named, grouped and
 * displayed, and its FHIR unit. Several codes map to one item because the national format gives
 * each measuring method its own code; members care about the item, not the method. Data, not
 * logic: a code added by a later edition of the standard is one more string in a list.
 */

export type ItemGroup =
  | 'body'
  | 'bp'
  | 'lipid'
  | 'liver'
  | 'glucose'
  | 'urine'
  | 'anemia'
  | 'kidney'
  | 'ecg'
  | 'interview'
  | 'other'

/** How a result is recorded: a quantity (PQ), an answer code (CD/CO) or free text (ST). */
export type ItemKind = 'number' | 'code' | 'text'

export type Label = { ja: string; en: string }

/** An answer code system of the national format (OID) and what each of its codes means. */
export type AnswerSet = { system: string; answers: Readonly<Record<string, Label>> }

export type CheckupItem = {
  /** Stable id: results, grading rules and messages refer to it, never to a code. */
  id: string
  nameJa: string
  nameEn: string
  group: ItemGroup
  /** The unit as the national format writes it ('mg/dl'); empty for coded and text items. */
  unit: string
  /** The same unit in UCUM for the FHIR export ('mg/dL'); empty for coded and text items. */
  ucum: string
  /** LOINC second coding, for the vital signs the FHIR guide asks it for. */
  loinc?: string
  kind: ItemKind
  /** Every 17-character code of the item, one per method, in docs/data-formats.md's order. */
  codes: readonly string[]
  /** Codes recognised by their first characters (HbA1c JDS: the spec names only the prefix). */
  codePrefix?: string
  /** What a reading's code says beyond the item (腹囲 measured or self-reported, 1st or 2nd BP). */
  variants?: Readonly<Record<string, Label>>
  /** The answers of a coded item. */
  answers?: AnswerSet
  /** Decimal places shown, for numeric items. */
  decimals?: number
}

/** The display order of the results screen (健診結果), with 'other' for judgements and unknown codes. */
export const ITEM_GROUPS: readonly { id: ItemGroup; nameJa: string; nameEn: string }[] = [
  { id: 'body', nameJa: '身体計測', nameEn: 'Body measurements' },
  { id: 'bp', nameJa: '血圧', nameEn: 'Blood pressure' },
  { id: 'lipid', nameJa: '脂質', nameEn: 'Lipids' },
  { id: 'liver', nameJa: '肝機能', nameEn: 'Liver function' },
  { id: 'glucose', nameJa: '血糖', nameEn: 'Blood glucose' },
  { id: 'urine', nameJa: '尿', nameEn: 'Urine' },
  { id: 'anemia', nameJa: '貧血', nameEn: 'Anaemia' },
  { id: 'kidney', nameJa: '腎機能', nameEn: 'Kidney function' },
  { id: 'ecg', nameJa: '心電図', nameEn: 'ECG' },
  { id: 'interview', nameJa: '問診', nameEn: 'Questionnaire' },
  { id: 'other', nameJa: 'その他', nameEn: 'Other' },
]

/** A group's position in ITEM_GROUPS, for sorting. */
export function groupOrder(group: ItemGroup): number {
  return ITEM_GROUPS.findIndex((entry) => entry.id === group)
}

const OID = '1.2.392.200119.6.'

/** Urine qualitative results (.2102) of 尿糖 and 尿蛋白; the symbols read the same in English. */
export const URINE_ANSWERS: AnswerSet = {
  system: `${OID}2102`,
  answers: {
    '1': { ja: '−', en: '−' },
    '2': { ja: '±', en: '±' },
    '3': { ja: '+', en: '+' },
    '4': { ja: '2+', en: '2+' },
    '5': { ja: '3+', en: '3+' },
  },
}

export const ECG_ANSWERS: AnswerSet = {
  system: `${OID}2002`,
  answers: {
    '1': { ja: '所見あり', en: 'Findings' },
    '2': { ja: '所見なし', en: 'No findings' },
  },
}

export const METABOLIC_ANSWERS: AnswerSet = {
  system: `${OID}1008`,
  answers: {
    '1': { ja: '基準該当', en: 'Meets the criteria' },
    '2': { ja: '予備群該当', en: 'Borderline (at risk)' },
    '3': { ja: '非該当', en: 'Does not meet the criteria' },
    '4': { ja: '判定不能', en: 'Cannot be determined' },
  },
}

export const GUIDANCE_LEVEL_ANSWERS: AnswerSet = {
  system: `${OID}3001`,
  answers: {
    '1': { ja: '積極的支援', en: 'Intensive support' },
    '2': { ja: '動機付け支援', en: 'Motivational support' },
    '3': { ja: 'なし', en: 'None' },
    '4': { ja: '判定不能', en: 'Cannot be determined' },
  },
}

/** Time since the last meal at the blood test (.2202); the spec lists codes 2–4 only. */
export const FASTING_ANSWERS: AnswerSet = {
  system: `${OID}2202`,
  answers: {
    '2': { ja: '食後10時間以上', en: '10 hours or more after a meal' },
    '3': { ja: '食後3.5時間以上10時間未満', en: '3.5 to 10 hours after a meal' },
    '4': { ja: '食後3.5時間未満', en: 'Less than 3.5 hours after a meal' },
  },
}

export const MEDICATION_ANSWERS: AnswerSet = {
  system: `${OID}2003`,
  answers: {
    '1': { ja: 'はい', en: 'Yes' },
    '2': { ja: 'いいえ', en: 'No' },
  },
}

export const SMOKING_ANSWERS: AnswerSet = {
  system: `${OID}24060`,
  answers: {
    '1': { ja: 'はい', en: 'Yes' },
    '2': { ja: '以前は吸っていた', en: 'Used to smoke' },
    '3': { ja: 'いいえ', en: 'No' },
  },
}

/** A lab item's codes: a common stem, then one ending per method (e.g. 27101, 27201, 99901). */
const lab = (stem: string, methods: readonly string[]) => methods.map((method) => stem + method)

const BP_VARIANTS = (stem: string): Record<string, Label> => ({
  [`${stem}1000000000001`]: { ja: '1回目', en: '1st reading' },
  [`${stem}2000000000001`]: { ja: '2回目', en: '2nd reading' },
  [`${stem}5000000000001`]: { ja: 'その他', en: 'Other' },
})

export const CHECKUP_ITEMS: readonly CheckupItem[] = [
  // 身体計測
  {
    id: 'height',
    nameJa: '身長',
    nameEn: 'Height',
    group: 'body',
    unit: 'cm',
    ucum: 'cm',
    loinc: '8302-2',
    kind: 'number',
    codes: ['9N001000000000001'],
    decimals: 1,
  },
  {
    id: 'weight',
    nameJa: '体重',
    nameEn: 'Weight',
    group: 'body',
    unit: 'kg',
    ucum: 'kg',
    loinc: '29463-7',
    kind: 'number',
    codes: ['9N006000000000001'],
    decimals: 1,
  },
  {
    id: 'bmi',
    nameJa: 'BMI',
    nameEn: 'BMI',
    group: 'body',
    unit: 'kg/m2',
    ucum: 'kg/m2',
    loinc: '39156-5',
    kind: 'number',
    codes: ['9N011000000000001'],
    decimals: 1,
  },
  {
    id: 'waist',
    nameJa: '腹囲',
    nameEn: 'Waist circumference',
    group: 'body',
    unit: 'cm',
    ucum: 'cm',
    kind: 'number',
    codes: ['9N016160100000001', '9N016160200000001', '9N016160300000001'],
    variants: {
      '9N016160100000001': { ja: '実測', en: 'Measured' },
      '9N016160200000001': { ja: '自己判定', en: 'Self-measured' },
      '9N016160300000001': { ja: '自己申告', en: 'Self-reported' },
    },
    decimals: 1,
  },
  {
    id: 'vfa',
    nameJa: '内臓脂肪面積',
    nameEn: 'Visceral fat area',
    group: 'body',
    unit: 'cm2',
    ucum: 'cm2',
    kind: 'number',
    codes: ['9N021000000000001'],
    decimals: 1,
  },
  // 血圧
  {
    id: 'sbp',
    nameJa: '収縮期血圧',
    nameEn: 'Systolic blood pressure',
    group: 'bp',
    unit: 'mmHg',
    ucum: 'mm[Hg]',
    loinc: '8480-6',
    kind: 'number',
    codes: ['9A751000000000001', '9A752000000000001', '9A755000000000001'],
    variants: BP_VARIANTS('9A75'),
    decimals: 0,
  },
  {
    id: 'dbp',
    nameJa: '拡張期血圧',
    nameEn: 'Diastolic blood pressure',
    group: 'bp',
    unit: 'mmHg',
    ucum: 'mm[Hg]',
    loinc: '8462-4',
    kind: 'number',
    codes: ['9A761000000000001', '9A762000000000001', '9A765000000000001'],
    variants: BP_VARIANTS('9A76'),
    decimals: 0,
  },
  // 脂質
  {
    id: 'tgFasting',
    nameJa: '空腹時中性脂肪',
    nameEn: 'Triglycerides (fasting)',
    group: 'lipid',
    unit: 'mg/dl',
    ucum: 'mg/dL',
    kind: 'number',
    codes: lab('3F0150000023', ['27101', '27201', '99901']),
    decimals: 0,
  },
  {
    id: 'tgRandom',
    nameJa: '随時中性脂肪',
    nameEn: 'Triglycerides (non-fasting)',
    group: 'lipid',
    unit: 'mg/dl',
    ucum: 'mg/dL',
    kind: 'number',
    codes: lab('3F0151299023', ['27101', '27201', '99901']),
    decimals: 0,
  },
  {
    id: 'hdl',
    nameJa: 'HDLコレステロール',
    nameEn: 'HDL cholesterol',
    group: 'lipid',
    unit: 'mg/dl',
    ucum: 'mg/dL',
    kind: 'number',
    codes: lab('3F0700000023', ['27101', '27201', '99901']),
    decimals: 0,
  },
  {
    id: 'ldl',
    nameJa: 'LDLコレステロール',
    nameEn: 'LDL cholesterol',
    group: 'lipid',
    unit: 'mg/dl',
    ucum: 'mg/dL',
    kind: 'number',
    codes: lab('3F0770000023', ['27101', '27201', '99901', '91901']),
    decimals: 0,
  },
  {
    id: 'nonHdl',
    nameJa: 'Non-HDLコレステロール',
    nameEn: 'Non-HDL cholesterol',
    group: 'lipid',
    unit: 'mg/dl',
    ucum: 'mg/dL',
    kind: 'number',
    codes: ['3F069000002391901'],
    decimals: 0,
  },
  // 肝機能
  {
    id: 'ast',
    nameJa: 'AST(GOT)',
    nameEn: 'AST (GOT)',
    group: 'liver',
    unit: 'U/l',
    ucum: 'U/L',
    kind: 'number',
    codes: ['3B035000002327201', '3B035000002399901'],
    decimals: 0,
  },
  {
    id: 'alt',
    nameJa: 'ALT(GPT)',
    nameEn: 'ALT (GPT)',
    group: 'liver',
    unit: 'U/l',
    ucum: 'U/L',
    kind: 'number',
    codes: ['3B045000002327201', '3B045000002399901'],
    decimals: 0,
  },
  {
    id: 'ggt',
    nameJa: 'γ-GT(γ-GTP)',
    nameEn: 'γ-GT (γ-GTP)',
    group: 'liver',
    unit: 'U/l',
    ucum: 'U/L',
    kind: 'number',
    codes: ['3B090000002327101', '3B090000002399901'],
    decimals: 0,
  },
  // 血糖
  {
    id: 'glucoseFasting',
    nameJa: '空腹時血糖',
    nameEn: 'Fasting blood glucose',
    group: 'glucose',
    unit: 'mg/dl',
    ucum: 'mg/dL',
    kind: 'number',
    codes: ['3D010000001926101', '3D010000002227101', '3D010000001927201', '3D010000001999901'],
    decimals: 0,
  },
  {
    id: 'glucoseRandom',
    nameJa: '随時血糖',
    nameEn: 'Non-fasting blood glucose',
    group: 'glucose',
    unit: 'mg/dl',
    ucum: 'mg/dL',
    kind: 'number',
    codes: ['3D010129901926101', '3D010129902227101', '3D010129901927201', '3D010129901999901'],
    decimals: 0,
  },
  {
    id: 'hba1c',
    nameJa: 'HbA1c(NGSP)',
    nameEn: 'HbA1c (NGSP)',
    group: 'glucose',
    unit: '%',
    ucum: '%',
    kind: 'number',
    codes: ['3D046000001906202', '3D046000001920402', '3D046000001927102', '3D046000001999902'],
    decimals: 1,
  },
  {
    id: 'hba1cJds',
    nameJa: 'HbA1c(JDS)',
    nameEn: 'HbA1c (JDS)',
    group: 'glucose',
    unit: '%',
    ucum: '%',
    kind: 'number',
    codes: [],
    codePrefix: '3D045',
    decimals: 1,
  },
  // 尿
  {
    id: 'urineGlucose',
    nameJa: '尿糖',
    nameEn: 'Urine glucose',
    group: 'urine',
    unit: '',
    ucum: '',
    kind: 'code',
    codes: ['1A020000000191111', '1A020000000190111'],
    answers: URINE_ANSWERS,
  },
  {
    id: 'urineProtein',
    nameJa: '尿蛋白',
    nameEn: 'Urine protein',
    group: 'urine',
    unit: '',
    ucum: '',
    kind: 'code',
    codes: ['1A010000000191111', '1A010000000190111'],
    answers: URINE_ANSWERS,
  },
  // 貧血
  {
    id: 'hb',
    nameJa: '血色素量',
    nameEn: 'Haemoglobin',
    group: 'anemia',
    unit: 'g/dl',
    ucum: 'g/dL',
    kind: 'number',
    codes: ['2A030000001930101'],
    decimals: 1,
  },
  {
    id: 'hct',
    nameJa: 'ヘマトクリット値',
    nameEn: 'Haematocrit',
    group: 'anemia',
    unit: '%',
    ucum: '%',
    kind: 'number',
    codes: ['2A040000001930102'],
    decimals: 1,
  },
  {
    id: 'rbc',
    nameJa: '赤血球数',
    nameEn: 'Red blood cell count',
    group: 'anemia',
    unit: '万/mm3',
    ucum: '10*4/uL',
    kind: 'number',
    codes: ['2A020000001930101'],
    decimals: 0,
  },
  // 腎機能
  {
    id: 'creatinine',
    nameJa: '血清クレアチニン',
    nameEn: 'Serum creatinine',
    group: 'kidney',
    unit: 'mg/dl',
    ucum: 'mg/dL',
    kind: 'number',
    codes: ['3C015000002327101', '3C015000002399901'],
    decimals: 2,
  },
  {
    id: 'egfr',
    nameJa: 'eGFR',
    nameEn: 'eGFR',
    group: 'kidney',
    unit: 'ml/min/1.73m2',
    ucum: 'mL/min/{1.73_m2}',
    kind: 'number',
    codes: ['8A065000002391901'],
    decimals: 1,
  },
  // 心電図
  {
    id: 'ecgFinding',
    nameJa: '心電図(所見の有無)',
    nameEn: 'ECG (any findings)',
    group: 'ecg',
    unit: '',
    ucum: '',
    kind: 'code',
    codes: ['9A110160700000011'],
    answers: ECG_ANSWERS,
  },
  {
    id: 'ecgText',
    nameJa: '心電図(所見)',
    nameEn: 'ECG findings',
    group: 'ecg',
    unit: '',
    ucum: '',
    kind: 'text',
    codes: ['9A110160800000049'],
  },
  // 問診
  {
    id: 'fastingTime',
    nameJa: '採血時間(食後)',
    nameEn: 'Time since last meal at blood test',
    group: 'interview',
    unit: '',
    ucum: '',
    kind: 'code',
    codes: ['9N141000000000011'],
    answers: FASTING_ANSWERS,
  },
  {
    id: 'medBp',
    nameJa: '服薬(血圧)',
    nameEn: 'Medication (blood pressure)',
    group: 'interview',
    unit: '',
    ucum: '',
    kind: 'code',
    codes: ['9N701000000000011'],
    answers: MEDICATION_ANSWERS,
  },
  {
    id: 'medGlucose',
    nameJa: '服薬(血糖)',
    nameEn: 'Medication (blood glucose)',
    group: 'interview',
    unit: '',
    ucum: '',
    kind: 'code',
    codes: ['9N706000000000011'],
    answers: MEDICATION_ANSWERS,
  },
  {
    id: 'medLipid',
    nameJa: '服薬(脂質)',
    nameEn: 'Medication (lipids)',
    group: 'interview',
    unit: '',
    ucum: '',
    kind: 'code',
    codes: ['9N711000000000011'],
    answers: MEDICATION_ANSWERS,
  },
  {
    id: 'smoking',
    nameJa: '喫煙',
    nameEn: 'Smoking',
    group: 'interview',
    unit: '',
    ucum: '',
    kind: 'code',
    codes: ['9N736000000000011'],
    answers: SMOKING_ANSWERS,
  },
  // 判定 (shown after the measured items)
  {
    id: 'metabolic',
    nameJa: 'メタボリックシンドローム判定',
    nameEn: 'Metabolic syndrome',
    group: 'other',
    unit: '',
    ucum: '',
    kind: 'code',
    codes: ['9N501000000000011'],
    answers: METABOLIC_ANSWERS,
  },
  {
    id: 'guidanceLevel',
    nameJa: '保健指導レベル',
    nameEn: 'Health guidance level',
    group: 'other',
    unit: '',
    ucum: '',
    kind: 'code',
    codes: ['9N506000000000011'],
    answers: GUIDANCE_LEVEL_ANSWERS,
  },
  {
    id: 'doctorOpinion',
    nameJa: '医師の判断',
    nameEn: "Doctor's opinion",
    group: 'other',
    unit: '',
    ucum: '',
    kind: 'text',
    codes: ['9N511000000000049'],
  },
]

const BY_CODE = new Map<string, CheckupItem>()
const BY_ID = new Map<string, CheckupItem>()
for (const item of CHECKUP_ITEMS) {
  BY_ID.set(item.id, item)
  for (const code of item.codes) BY_CODE.set(code, item)
}

/** A well-formed item code: 17 characters of digits and capital letters. */
export const ITEM_CODE = /^[0-9A-Z]{17}$/

/**
 * The item a code stands for, or undefined for a code outside the core catalogue (the caller keeps
 * it, shown under UNKNOWN_ITEM). Full-width characters, surrounding spaces and lower case are
 * forgiven, since they are how a spreadsheet mangles a code, never a different code.
 */
export function findItem(code: string): CheckupItem | undefined {
  const normal = code.normalize('NFKC').trim().toUpperCase()
  const exact = BY_CODE.get(normal)
  if (exact) return exact
  if (!ITEM_CODE.test(normal)) return undefined
  return CHECKUP_ITEMS.find((item) => item.codePrefix && normal.startsWith(item.codePrefix))
}

/** The item with a stable id (as stored with results and in the grading tables). */
export function itemById(id: string): CheckupItem | undefined {
  return BY_ID.get(id)
}

/**
 * A stand-in for a code the catalogue does not know (the full list has 322): it is shown with its
 * code as its name and its value as text, under その他, rather than dropped.
 */
export function UNKNOWN_ITEM(code: string): CheckupItem {
  return {
    id: `unknown:${code}`,
    nameJa: code,
    nameEn: code,
    group: 'other',
    unit: '',
    ucum: '',
    kind: 'text',
    codes: [code],
  }
}

/** What an answer code of a coded item means, or undefined for a code outside its answer set. */
export function answerLabel(
  item: CheckupItem,
  code: string,
  lang: 'ja' | 'en',
): string | undefined {
  return item.answers?.answers[code.trim()]?.[lang]
}

/**
 * Whether a unit given beside a value is the item's: the national format's spelling or UCUM's,
 * ignoring case and spaces (mg/dl = mg/dL), since files differ only in those. An empty unit passes:
 * the column is optional.
 */
export function isItemUnit(item: CheckupItem, unit: string | null | undefined): boolean {
  const normal = (text: string) => text.normalize('NFKC').replace(/\s+/g, '').toLowerCase()
  const given = normal(unit ?? '')
  return given === '' || given === normal(item.unit) || given === normal(item.ucum)
}

/**
 * Rounds half up (away from zero) in decimal, so 24.95 → 25.0 and 5.35 → 5.4 as a person rounding
 * on paper would, where Math.round(x * 10) / 10 trips over binary fractions (1.02 × 5 + 0.25 is
 * 5.3499999… in floating point).
 */
export function roundHalfUp(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value
  const clean = Number(value.toPrecision(12))
  const magnitude = Math.abs(clean)
  const text = String(magnitude)
  const scale = 10 ** decimals
  if (text.includes('e')) return Math.sign(clean) * (Math.round(magnitude * scale) / scale)
  const rounded = Number(`${Math.round(Number(`${text}e${decimals}`))}e-${decimals}`)
  return clean < 0 ? -rounded : rounded
}

/** A value as shown: rounded half up to the item's decimals and written with exactly that many. */
export function formatValue(item: CheckupItem, value: number): string {
  const decimals = item.decimals ?? 0
  return roundHalfUp(value, decimals).toFixed(decimals)
}

/**
 * HbA1c measured before FY2013 in JDS units, as NGSP (docs/data-formats.md: 1.02 × JDS + 0.25), to one
 * decimal like every HbA1c, so an old result lines up with the newer ones on a chart.
 */
export function jdsToNgsp(jds: number): number {
  return roundHalfUp(1.02 * jds + 0.25, 1)
}
