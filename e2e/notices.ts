import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { BASE } from './support'

/** The development admin's operator token, written by `npm start` for the command line. */
const opsToken = () =>
  (JSON.parse(readFileSync(join('.e2e-state', 'dev-ops-tokens.json'), 'utf8')) as { admin: string })
    .admin

/** The operator's checkup import of one checkup (a height), through the operator API as the CLI sends it. */
export async function importCheckup(personKey: string, examDate: string) {
  const res = await fetch(`${BASE}/api/ops/insurers/06139992/checkups`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${opsToken()}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      checkups: [
        {
          ref: 'e2e',
          personKey,
          examDate,
          institution: 'E2E健診センター',
          source: 'csv',
          results: [
            { code: '9N001000000000001', type: 'raw', value: '170.2', unit: 'cm', line: 2 },
          ],
        },
      ],
    }),
  })
  expect(res.status, await res.clone().text()).toBe(200)
}

/** The scheduled notices job, run now (development: `POST /dev/jobs/notices`). */
export const runNoticesJob = async () =>
  (await fetch(`${BASE}/dev/jobs/notices`, { method: 'POST' })).json() as Promise<{
    notices: number
  }>

/** What the push stand-in received (`/dev/push.json`) at the endpoint `/dev/push/<id>`. */
export async function pushesTo(id: string) {
  const all = (await (await fetch(`${BASE}/dev/push.json`)).json()) as {
    id: string
    headers: Record<string, string>
    body: string
  }[]
  return all.filter((p) => p.id === id)
}

/** A POST from the page (its session cookie and Origin), as the PWA's own code sends it: the status. */
export const postFromPage = (page: Page, path: string, body: unknown) =>
  page.evaluate(
    async ([p, b]) =>
      (
        await fetch(p as string, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(b),
        })
      ).status,
    [path, body] as const,
  )
