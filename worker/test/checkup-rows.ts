/**
 * Checkup rows for tests: the demo person D0000's stored checkups (written straight to the table) and
 * the results they hold. The fasting triglyceride result stands also in the CLI's and the import's
 * tests, as the CDA document and the batch give it.
 */
import { DEMO_INSURER } from '../dev/seed'

/** Fasting triglycerides of 182 mg/dl, above the range 30–149: a PQ result as a batch carries it. */
export const TG_FASTING_182 = {
  code: '3F015000002327101',
  type: 'PQ',
  value: '182',
  unit: 'mg/dl',
  low: '30',
  high: '149',
  interpretation: 'H',
} as const

/** A stored systolic blood pressure with its grade (the A range ≤129). */
export const storedSbp = (value: string, grade: string) => ({
  code: '9A751000000000001',
  item: 'sbp',
  type: 'PQ',
  value,
  unit: 'mmHg',
  grade,
  range: '≤129',
})

/** A checkup row of D0000 at the demo insurer's 健診センター, its results as the table holds them. */
export function storedCheckup(row: {
  id: string
  examDate: string
  source: 'csv' | 'xml'
  results: object[]
  grades: string
  contentHash: string
}) {
  return {
    insurerId: DEMO_INSURER.id,
    personKey: 'D0000',
    institution: 'デモ健診センター',
    tableVersion: 'ningen-dock-2026-04-01',
    createdAt: 0,
    updatedAt: 0,
    ...row,
    results: JSON.stringify(row.results),
  }
}

/**
 * D0000's two stored checkups, ids `${prefix}-2025` and `${prefix}-2026`: 2025-05-10 (CSV, a systolic
 * 128, A) and 2026-06-10 (XML, a systolic 136, B, then `more` results; `grades2026` counts them all).
 */
export function demoCheckups(prefix: string, more: object[], grades2026: string) {
  return [
    storedCheckup({
      id: `${prefix}-2025`,
      examDate: '2025-05-10',
      source: 'csv',
      results: [storedSbp('128', 'A')],
      grades: '{"A":1,"B":0,"C":0,"D":0}',
      contentHash: 'x',
    }),
    storedCheckup({
      id: `${prefix}-2026`,
      examDate: '2026-06-10',
      source: 'xml',
      results: [storedSbp('136', 'B'), ...more],
      grades: grades2026,
      contentHash: 'y',
    }),
  ]
}
