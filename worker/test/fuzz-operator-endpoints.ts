/**
 * The operator API's endpoints for the fuzz test (worker/fuzz.test.ts), with the largest batches a client
 * may send them.
 */
import { expect } from 'vitest'
import { checkInsurerNumber } from '../../core/card'
import { CheckupBatchBody } from '../../core/checkup-import'
import {
  CodesIssueBody,
  InsurerCreateBody,
  InsurerSettingsBody,
  RosterBatchBody,
} from '../../core/insurer'
import {
  DEMO_INSURER,
  longestRosterRows,
  MAINTENANCE_INSURER,
  ROSTER_HEADER,
  rosterRow,
} from './harness'
import { staffDoor, type Endpoint } from './fuzz-endpoint'

/** A 保険者番号 with a valid check digit that no insurer has yet (the admin's create body). */
export const NEW_INSURER = Array.from(
  { length: 1000 },
  (_, i) => `06138${String(i).padStart(3, '0')}`,
).find((n) => checkInsurerNumber(n).ok)!

/** The CLI's largest batch: 4 MiB of JSON (cli/batches.ts MAX_BATCH_BYTES). */
export const CLI_BATCH_BYTES = 4 * 1024 * 1024

/**
 * A roster batch of 2,000 rows (the schema's most) with every field as long as the roster allows:
 * person_key 64, 記号 and 番号 20, the name 64 and the address 200 characters.
 */
export function largestRoster() {
  return { header: ROSTER_HEADER, rows: longestRosterRows('L', 2000, '東') }
}

/**
 * A checkup batch as the CLI builds one by default (cli/checkup-import.ts: 200 checkups, at most
 * 4 MiB): 200 XML checkups of D0001 on distinct dates, each with 120 blood-pressure results, about a
 * checkup's usual size.
 */
export function cliCheckupBatch() {
  const results = Array.from({ length: 120 }, () => ({
    code: '9A751000000000001',
    type: 'PQ',
    value: '128',
    unit: 'mmHg',
  }))
  const doc = (i: number) => ({
    ref: `batch ${i}`,
    personKey: 'D0001',
    examDate: new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10),
    source: 'xml',
    results,
  })
  const batch = { checkups: Array.from({ length: 200 }, (_, i) => doc(i)) }
  expect(new TextEncoder().encode(JSON.stringify(batch)).length).toBeLessThan(CLI_BATCH_BYTES)
  return batch
}

/** One checkup as large as CheckupInput allows: 2,000 results, each a text of 2,000 characters. */
export function largestCheckup() {
  const results = Array.from({ length: 2000 }, () => ({
    code: '9N501000000000011',
    type: 'ST',
    text: 'x'.repeat(2000),
  }))
  return {
    checkups: [
      { ref: 'largest', personKey: 'D0001', examDate: '2001-01-01', source: 'xml', results },
    ],
  }
}

/** The operator API's endpoints (/api/ops), run after the member API's. */
export const OPERATOR_ENDPOINTS: Endpoint[] = [
  { method: 'GET', route: '/api/ops/whoami', as: ['operator', 'admin'], doorAs: staffDoor },
  { method: 'GET', route: '/api/ops/insurers', as: ['operator', 'admin'], doorAs: staffDoor },
  {
    // The admin creates one insurer; the same number again is a conflict.
    method: 'POST',
    route: '/api/ops/insurers',
    schema: InsurerCreateBody,
    as: ['admin'],
    doorAs: ['operator', ...staffDoor],
    bodies: [
      () => ({
        number: NEW_INSURER,
        name: 'フズ健康保険組合',
        insuredOnly: false,
        dependentMaxAge: 70,
        maintenance: false,
        allowedCidrs: ['203.0.113.0/24'],
        allowlistFailureLimit: 20,
      }),
    ],
  },
  {
    // On the maintenance insurer, which no member uses: the admin may change it, its operator may not.
    method: 'PATCH',
    route: '/api/ops/insurers/:number',
    param: MAINTENANCE_INSURER.number,
    schema: InsurerSettingsBody,
    as: ['admin'],
    doorAs: ['operator', ...staffDoor],
    bodies: [
      () => ({
        name: MAINTENANCE_INSURER.name,
        insuredOnly: false,
        dependentMaxAge: 60,
        maintenance: true,
        allowedCidrs: ['203.0.113.0/24', '2001:db8::/32'],
        allowlistFailureLimit: 20,
      }),
    ],
  },
  {
    method: 'POST',
    route: '/api/ops/insurers/:number/roster/batches',
    param: DEMO_INSURER.number,
    schema: RosterBatchBody,
    as: ['operator'],
    doorAs: staffDoor,
    bodies: [
      () => ({
        header: ROSTER_HEADER,
        rows: [
          rosterRow(2, {
            key: 'F0001',
            symbol: '9900',
            number: '990',
            branch: '00',
            kana: 'フズ　イチロウ',
            birth: '1990-01-01',
            validFrom: '2020-04-01',
            postal: '100-0000',
            address: '東京都千代田区フズ1-1',
          }),
        ],
      }),
    ],
    // Each column of the row, not only the first.
    extraPaths: ROSTER_HEADER.slice(1).map((_, i) => ['rows', 0, 'fields', i + 1]),
    largest: { "the CLI's biggest batch: 2,000 rows, every field at its longest": largestRoster },
  },
  {
    method: 'POST',
    route: '/api/ops/insurers/:number/checkups',
    param: DEMO_INSURER.number,
    schema: CheckupBatchBody,
    as: ['operator'],
    doorAs: staffDoor,
    bodies: [
      // A CSV checkup (by person_key) and an XML one (by card and birth date), of D0001.
      () => ({
        checkups: [
          {
            ref: 'line 2',
            personKey: 'D0001',
            examDate: '2025-06-01',
            institution: 'フズ健診センター',
            source: 'csv',
            results: [
              { code: '9N001000000000001', type: 'raw', value: '160.1', unit: 'cm', line: 2 },
            ],
          },
        ],
      }),
      () => ({
        checkups: [
          {
            ref: 'fuzz.xml',
            card: { symbol: '1200', number: '100', branch: null },
            birthDate: '1964-10-01',
            examDate: '2025-07-01',
            institution: 'フズ健診センター',
            source: 'xml',
            results: [
              {
                code: '9A751000000000001',
                type: 'PQ',
                value: '120',
                unit: 'mmHg',
                bound: 'below',
                low: '90',
                high: '129',
                interpretation: 'N',
                group: '9A751000000000001',
              },
              {
                code: '9N501000000000011',
                type: 'CD',
                answerCode: '1',
                answerSystem: '1.2.392.200119.6.1005',
                text: 'あり',
              },
            ],
          },
        ],
      }),
    ],
    largest: {
      'a batch as the CLI sends it: 200 checkups of 120 results': cliCheckupBatch,
      "one checkup at the schema's most: 2,000 results of 2,000 characters": largestCheckup,
    },
  },
  {
    // On the insurer without a roster: a valid request issues no code, so it costs no hash (an
    // issued code costs one, and a body of `[]` or `{}` asks for 50).
    method: 'POST',
    route: '/api/ops/insurers/:number/codes/issue',
    param: MAINTENANCE_INSURER.number,
    schema: CodesIssueBody,
    as: ['admin'],
    doorAs: ['operator', ...staffDoor],
    bodies: [() => ({ runId: 'none', personKeys: ['D0050'], limit: 1, reissue: false })],
  },
  {
    method: 'GET',
    route: '/api/ops/insurers/:number/codes/status',
    param: DEMO_INSURER.number,
    as: ['operator', 'admin'],
    doorAs: staffDoor,
  },
]
