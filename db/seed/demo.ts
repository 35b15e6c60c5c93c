import { accounts, insurers } from '../schema'
import type { Deps } from '../../worker/deps'
import { hashPassword } from '../../worker/services/passwords'
import { newId } from '../../worker/services/tokens'

export const DEMO_INSURER = { number: '06139992', name: 'デモ健康保険組合' }
export const DEMO_ACCOUNT = { email: 'demo@kenshin.example', password: 'Kenko-Demo-2026' }

/** The development demo data (idempotent): the demo insurer and one verified member account. */
export async function seedDemo(deps: Pick<Deps, 'db' | 'now' | 'randomBytes'>): Promise<void> {
  const now = deps.now()
  await deps.db
    .insert(insurers)
    .values({ id: 'demo-insurer', number: DEMO_INSURER.number, name: DEMO_INSURER.name, createdAt: now })
    .onConflictDoNothing()
  await deps.db
    .insert(accounts)
    .values({
      id: newId(deps.randomBytes),
      email: DEMO_ACCOUNT.email,
      emailKey: DEMO_ACCOUNT.email,
      passwordHash: await hashPassword(DEMO_ACCOUNT.password, deps.randomBytes),
      createdAt: now,
      updatedAt: now,
      passwordChangedAt: now,
    })
    .onConflictDoNothing()
}
