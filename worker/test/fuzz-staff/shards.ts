/** issue 14, F: the staff API's insurer databases and moves (routes/ops.shards.ts) for the fuzz test. */
import { ShardDatabaseBody, ShardMoveBody } from '../../../core/shard-move'
import { staffDoor, type Endpoint } from '../fuzz-endpoint'
import { DEMO_INSURER } from '../harness'

const admin = {
  as: ['admin'],
  doorAs: ['operator', 'insurerAdmin', 'support', ...staffDoor],
} satisfies Pick<Endpoint, 'as' | 'doorAs'>

export const SHARDS_ENDPOINTS: Endpoint[] = [
  { method: 'GET', route: '/api/ops/shards', ...admin },
  {
    // A valid body starts (or finds again) a move of the demo insurer, which no probe steps: its
    // data stays where it is.
    method: 'POST',
    route: '/api/ops/shards/moves',
    schema: ShardMoveBody,
    bodies: [() => ({ insurer: DEMO_INSURER.number, to: 'second' })],
    ...admin,
  },
  {
    method: 'GET',
    route: '/api/ops/shards/moves/latest/:insurer',
    param: DEMO_INSURER.number,
    ...admin,
  },
  {
    // issue 14, I: a database no test opener knows: 422, nothing recorded.
    method: 'POST',
    route: '/api/ops/shards/databases',
    schema: ShardDatabaseBody,
    bodies: [() => ({ name: 'fuzz_nowhere', kind: 'd1' })],
    ...admin,
  },
  // Moves no one started: 404 to those who pass the door.
  { method: 'GET', route: '/api/ops/shards/moves/:id', param: 'nobody', ...admin },
  { method: 'POST', route: '/api/ops/shards/moves/:id/step', param: 'nobody', ...admin },
  { method: 'POST', route: '/api/ops/shards/moves/:id/confirm', param: 'nobody', ...admin },
  { method: 'POST', route: '/api/ops/shards/moves/:id/abort', param: 'nobody', ...admin },
]
