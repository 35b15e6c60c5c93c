/**
 * Issue 13's operator endpoints for the fuzz test (worker/fuzz.test.ts): import records and code runs.
 * Routes with an id keep `:id` as it is (the fuzz replaces the insurer number only): an unknown id, 404.
 */
import { CodesRunBody, EmptyBody, ImportFinishBody, ImportStartBody } from '../../core/insurer'
import { CodesConfirmBody } from '../../core/viewing-codes'
import { DEMO_INSURER, MAINTENANCE_INSURER } from './harness'
import { staffDoor, type Endpoint } from './fuzz-endpoint'

const data = { as: ['operator', 'admin'], doorAs: staffDoor } satisfies Partial<Endpoint>

export const OPS_IMPORTS_ENDPOINTS: Endpoint[] = [
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
