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
