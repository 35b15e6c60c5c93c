/**
 * Issue 13's operator endpoints for the fuzz test (worker/fuzz.test.ts): import records and code runs.
 * Routes with an id keep `:id` as it is (the fuzz replaces the insurer number only): an unknown id, 404.
 */
import { CheckupBatchBody } from '../../core/checkup-import'
import {
  CodesRunBody,
  EmptyBody,
  ImportFinishBody,
  ImportStartBody,
  RosterBatchBody,
} from '../../core/insurer'
import { CodesConfirmBody } from '../../core/viewing-codes'
import { startImport } from '../services/imports'
import { DEMO_INSURER, MAINTENANCE_INSURER, ROSTER_HEADER, rosterRow } from './harness'
import { staffDoor, type Endpoint } from './fuzz-endpoint'
import { ctx } from './fuzz-runner'

const data = { as: ['operator', 'admin'], doorAs: staffDoor } satisfies Partial<Endpoint>

/** The imports the recorded batches go into: started once, before the endpoint's first probe. */
const RECORD = { roster: crypto.randomUUID(), checkups: crypto.randomUUID() }
const started = new Set<string>()
const recordOpen = (kind: 'roster' | 'checkups') => async () => {
  if (started.has(kind)) return
  await startImport(ctx.h.deps, { id: 'dev-operator' }, '203.0.113.9', DEMO_INSURER, {
    id: RECORD[kind],
    kind,
    source: 'cli',
    fileName: `fuzz-${kind}.csv`,
    fileSize: 1,
    fingerprint: 'fuzz',
  })
  started.add(kind)
}
/** Each body a batch of its own (a repeated seq answers the stored answer and writes nothing). */
let seq = 0
const recorded = (kind: 'roster' | 'checkups') => ({ importId: RECORD[kind], seq: ++seq })

/** `n` roster rows from line 2 with eight bad fields each: an answer over 2 MB with its messages. */
const badRosterRows = (n: number) =>
  Array.from({ length: n }, (_, i) => {
    const row = rosterRow(i + 2, {
      key: `FZR${String(i).padStart(5, '0')}`,
      symbol: '9900',
      number: `9${i}`,
      kana: 'フズ　タロウ',
      birth: '1990-01-01',
    })
    return { line: row.line, fields: row.fields.map((f, c) => (c >= 4 ? 'ｘｘｘ' : f)) }
  })

/** `n` checkups of D0001 with `results` non-numeric heights each. */
const badCheckups = (n: number, results: number) =>
  Array.from({ length: n }, (_, i) => ({
    ref: `line ${i}`,
    personKey: 'D0001',
    examDate: new Date(Date.UTC(2001, 0, 1 + i)).toISOString().slice(0, 10),
    source: 'csv',
    results: Array.from({ length: results }, (_, r) => ({
      code: '9N001000000000001',
      type: 'raw',
      value: '百六十',
      unit: 'cm',
      line: 2 + i * results + r,
    })),
  }))

/** Local rejections just under their limit (1,000,000 bytes of JSON). */
const fullLocal = () =>
  Array.from({ length: 480 }, (_, i) => [i + 5000, 'x'.repeat(1000), 'y'.repeat(1000)])

export const OPS_IMPORTS_ENDPOINTS: Endpoint[] = [
  {
    // Batches under a real import record (their answer and local rejections are stored: D1's limits).
    method: 'POST',
    route: '/api/ops/insurers/:number/roster/batches',
    param: DEMO_INSURER.number,
    schema: RosterBatchBody,
    as: ['operator'],
    doorAs: staffDoor,
    beforeEach: recordOpen('roster'),
    bodies: [
      () => ({
        header: ROSTER_HEADER,
        rows: [
          rosterRow(2, {
            key: 'FZR-OK',
            symbol: '9900',
            number: '991',
            kana: 'フズ　ジロウ',
            birth: '1990-01-01',
          }),
        ],
        localRejections: [
          [3, '生年月日', '生年月日が正しくありません', 'roster.birth_date.invalid'],
        ],
        ...recorded('roster'),
      }),
    ],
    largest: {
      '2,000 bad rows under a record (an answer over 2 MB with its messages)': () => ({
        header: ROSTER_HEADER,
        rows: badRosterRows(2000),
        ...recorded('roster'),
      }),
      '2,000 bad rows and local rejections at their limit (413)': () => ({
        header: ROSTER_HEADER,
        rows: badRosterRows(2000),
        localRejections: fullLocal(),
        ...recorded('roster'),
      }),
    },
  },
  {
    method: 'POST',
    route: '/api/ops/insurers/:number/checkups',
    param: DEMO_INSURER.number,
    schema: CheckupBatchBody,
    as: ['operator'],
    doorAs: staffDoor,
    beforeEach: recordOpen('checkups'),
    bodies: [
      () => ({
        checkups: badCheckups(1, 1).map((c) => ({
          ...c,
          results: [{ ...c.results[0], value: '160.1' }],
        })),
        localRejections: [['entry 7', '', '-', 'unreadable', 'import.zip.entry']],
        ...recorded('checkups'),
      }),
    ],
    largest: {
      '200 checkups of 65 bad results under a record': () => ({
        checkups: badCheckups(200, 65),
        ...recorded('checkups'),
      }),
      '500 checkups of 40 bad results under a record (413)': () => ({
        checkups: badCheckups(500, 40),
        ...recorded('checkups'),
      }),
    },
  },
  {
    method: 'POST',
    route: '/api/ops/insurers/:number/imports',
    param: DEMO_INSURER.number,
    schema: ImportStartBody,
    bodies: [
      () => ({
        id: crypto.randomUUID(),
        kind: 'roster',
        source: 'console',
        fileName: 'fuzz.csv',
        fileSize: 10,
        fingerprint: 'a:b',
      }),
    ],
    ...data,
  },
  {
    method: 'GET',
    route: '/api/ops/insurers/:number/imports',
    param: DEMO_INSURER.number,
    ...data,
  },
  {
    method: 'GET',
    route: '/api/ops/insurers/:number/imports/:id',
    param: DEMO_INSURER.number,
    ...data,
  },
  {
    method: 'POST',
    route: '/api/ops/insurers/:number/imports/:id/finish',
    param: DEMO_INSURER.number,
    schema: ImportFinishBody,
    bodies: [() => ({ outcome: 'interrupted', rowsRead: 1, blank: 0 })],
    ...data,
  },
  {
    method: 'GET',
    route: '/api/ops/insurers/:number/imports/:id/rejected.csv',
    param: DEMO_INSURER.number,
    ...data,
  },
  {
    // On the insurer without a roster: a run there issues nothing.
    method: 'POST',
    route: '/api/ops/insurers/:number/codes/runs',
    param: MAINTENANCE_INSURER.number,
    schema: CodesRunBody,
    bodies: [() => ({ kind: 'issue' })],
    as: ['admin'],
    doorAs: ['operator', ...staffDoor],
  },
  {
    method: 'GET',
    route: '/api/ops/insurers/:number/codes/runs',
    param: DEMO_INSURER.number,
    ...data,
  },
  {
    method: 'POST',
    route: '/api/ops/insurers/:number/codes/runs/:id/confirm',
    param: DEMO_INSURER.number,
    schema: CodesConfirmBody,
    bodies: [() => ({ codes: 0 }), () => ({ codes: 50 })],
    ...data,
  },
  {
    method: 'POST',
    route: '/api/ops/insurers/:number/codes/runs/:id/revoke',
    param: DEMO_INSURER.number,
    schema: EmptyBody,
    bodies: [() => ({})],
    ...data,
  },
  {
    method: 'GET',
    route: '/api/ops/insurers/:number/codes/queue',
    param: DEMO_INSURER.number,
    ...data,
  },
]
