import { readFileSync } from 'node:fs'
import { and, eq, isNull } from 'drizzle-orm'
import { expect } from 'vitest'
import { normalizeViewingCode } from '../../core/health-access'
import { viewingCodes } from '../../db/schema'
import { DEMO_INSURER } from '../../worker/dev/seed'
import { verifyPassword } from '../../worker/services/passwords'
import { demoApp, INSURER, runOps, tempFiles } from './demo-app.ts'

/**
 * Viewing codes from the command line against the real app (createApp on in-memory libSQL), its HTTP calls
 * answered in-process: the demo roster (20 persons) imported, then codes issued, re-issued and counted.
 */
export const CODE = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/

export const { dir, path } = tempFiles('kenshin-codes-cli-')

export async function realServer() {
  const { h, api, fetch, tokens, roster, demo } = await demoApp()
  expect(roster).toMatchObject({ complete: true, rejected: 0, inserted: 20 })
  /** The live code rows of a person. */
  const live = (personKey: string) =>
    demo
      .select()
      .from(viewingCodes)
      .where(
        and(
          eq(viewingCodes.insurerId, DEMO_INSURER.id),
          eq(viewingCodes.personKey, personKey),
          isNull(viewingCodes.revokedAt),
        ),
      )
  /** The code matches the person's one live code hash, and is usable (its run confirmed). */
  const valid = async (personKey: string, code: string) => {
    const rows = await live(personKey)
    return (
      rows.length === 1 &&
      rows[0].confirmedAt !== null &&
      (await verifyPassword(rows[0].codeHash, normalizeViewingCode(code) as string)).ok
    )
  }
  /** `codes <sub> --insurer 06139992 …` as the admin. */
  const codes = (sub: 'status' | 'issue' | 'reissue', ...args: string[]) =>
    ops(['codes', sub, '--insurer', INSURER, ...args], fetch, tokens.admin)
  return { h, api, fetch, tokens, live, valid, codes }
}

export function ops(
  args: string[],
  fetch: typeof globalThis.fetch,
  token: string,
  lang = 'ja_JP.UTF-8',
) {
  return runOps(args, { fetch, token, cwd: dir, lang })
}

/** The print file: its raw text, and its rows as cells (no field of the demo roster needs quoting). */
export function printFile(file: string) {
  const text = readFileSync(file, 'utf8')
  const lines = text.replace(/^\uFEFF/, '').split('\r\n')
  expect(lines.pop()).toBe('')
  const [header, ...rows] = lines.map((l) => l.split(','))
  return { text, header, rows }
}
