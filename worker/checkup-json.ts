import type { Grade } from '../core/grading'

/**
 * The JSON a checkup is kept in and read back as: the importer (services/checkup-import.ts) stores its
 * results in this shape, the health reads splice them into their answers as stored, and the client
 * takes the answers' types from here through the routes (routes/checkups.ts).
 */

/** A result as stored: what the file said, the item it is, and the grade it was given. */
export interface StoredResult {
  code: string
  item: string | null
  type: 'PQ' | 'CD' | 'CO' | 'ST' | 'not_performed' | 'not_measurable'
  value?: string
  unit?: string
  answerCode?: string
  answerSystem?: string
  text?: string
  bound?: 'below' | 'above'
  low?: string
  high?: string
  interpretation?: string
  group?: string
  grade?: Grade
  range?: string
  verify?: true
}

// issue 14, compact: the stored form of `results` and `grades` (the importer writes with these, the
// health reads answer with these; a row stored as JSON before stays readable).

/** The text a checkup's results are stored as (checkups.results). */
export function storedResultsText(results: StoredResult[]): string {
  return JSON.stringify(results)
}

/** A stored checkups.results (either form) as the results it holds. */
export function parseStoredResults(text: string): StoredResult[] {
  return JSON.parse(text) as StoredResult[]
}

/** A stored checkups.results (either form) as the JSON the API answers with (byte for byte as before). */
export function resultsJson(text: string): string {
  return text
}

/** The text a checkup's grade counts are stored as (checkups.grades). */
export function storedGradesText(counts: Record<Grade, number>): string {
  return JSON.stringify(counts)
}

/** A stored checkups.grades (either form) as the JSON the API answers with. */
export function gradesJson(text: string): string {
  return text
}
