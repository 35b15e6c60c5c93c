import { vValidator } from '@hono/valibot-validator'
import { Hono } from 'hono'
import { ShardDatabaseBody, ShardMoveBody } from '../../core/shard-move'
import type { Deps } from '../deps'
import { requireCapability, type StaffEnv } from '../middleware/staff'
import {
  abortMove,
  confirmMove,
  getMove,
  latestMove,
  presentMove,
  shardOverview,
  startMove,
  stepMove,
} from '../services/shard-move'
import { addDatabase } from '../services/shard-databases'
import { validationHook } from './validation'

/**
 * Insurer databases and moves between them (docs/scale.md, the runbook): a platform admin's. Each
 * POST on a move does one bounded step and answers where the move stands; `ops shards …` loops.
 */
export function shardRoutes(deps: Deps) {
  return new Hono<StaffEnv>()
    .use(requireCapability('platform.manage'))
    .get('/', async (c) => c.json(await shardOverview(deps)))
    .post('/databases', vValidator('json', ShardDatabaseBody, validationHook), async (c) =>
      c.json(await addDatabase(deps, c.get('staff'), c.get('ip'), c.req.valid('json')), 201),
    )
    .post('/moves', vValidator('json', ShardMoveBody, validationHook), async (c) => {
      const { move, created } = await startMove(
        deps,
        c.get('staff'),
        c.get('ip'),
        c.req.valid('json'),
      )
      return c.json({ move: presentMove(move) }, created ? 201 : 200)
    })
    .get('/moves/latest/:insurer', async (c) =>
      c.json({ move: presentMove(await latestMove(deps, c.req.param('insurer'))) }),
    )
    .get('/moves/:id', async (c) =>
      c.json({ move: presentMove(await getMove(deps, c.req.param('id'))) }),
    )
    .post('/moves/:id/step', async (c) =>
      c.json({
        move: presentMove(await stepMove(deps, c.get('staff'), c.get('ip'), c.req.param('id'))),
      }),
    )
    .post('/moves/:id/confirm', async (c) =>
      c.json({
        move: presentMove(await confirmMove(deps, c.get('staff'), c.get('ip'), c.req.param('id'))),
      }),
    )
    .post('/moves/:id/abort', async (c) =>
      c.json({
        move: presentMove(await abortMove(deps, c.get('staff'), c.get('ip'), c.req.param('id'))),
      }),
    )
}
