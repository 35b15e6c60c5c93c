import { vValidator } from '@hono/valibot-validator'
import { Hono, type Context, type TypedResponse } from 'hono'
import {
  SECRET_QUESTIONS,
  SecretAnswerBody,
  SecretQuestionBody,
  ViewingCodeBody,
} from '../../core/health-access'
import type { Grade } from '../../core/grading'
import type { StoredResult } from '../checkup-json'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { requireMember } from '../middleware/session'
import { checkupBundle } from '../services/fhir'
import {
  checkupDetailJson,
  listCheckupsJson,
  questionById,
  readAllCheckups,
} from '../services/health-access'
import {
  acceptNotice,
  accessState,
  answerSecretQuestion,
  setSecretQuestion,
  submitViewingCode,
  type StepOutcome,
  type StepUpSession,
} from '../services/step-up'
import type { AppEnv } from '../types'
import { validationHook } from './validation'

const failure = (
  outcome: StepOutcome,
  invalid: 'invalid_viewing_code' | 'wrong_answer',
  locked: 'viewing_code_locked' | 'health_locked',
) => {
  if (outcome === 'invalid') return new AppError(invalid)
  if (outcome === 'locked') return new AppError(locked)
  if (outcome === 'none') return new AppError('no_viewing_code')
  if (outcome === 'rate_limited') return new AppError('too_many_attempts')
  return new AppError('wrong_state')
}

/** The refusals every read of health data shares. */
function refuse<T>(data: T | 'unauthenticated' | 'not_linked' | 'not_ready'): T {
  if (data === 'unauthenticated') throw new AppError('unauthenticated')
  if (data === 'not_linked') throw new AppError('not_linked')
  if (data === 'not_ready') throw new AppError('step_up_required')
  return data
}

/** The roster's person as a health read names them. */
export type CheckupPerson = { name: string | null; sex: number | null }
type CheckupFields = { examDate: string; institution: string | null; tableVersion: string }

/** GET /api/checkups: the list of years, each with how many items got each grade (no results). */
export type CheckupListResponse = {
  person: CheckupPerson
  checkups: (CheckupFields & { grades: Record<Grade, number> })[]
}

/** GET /api/checkups/:examDate: that checkup whole, then every earlier one, newest first. */
export type CheckupDetailResponse = {
  person: CheckupPerson
  checkups: (CheckupFields & { results: StoredResult[] })[]
}

/**
 * A JSON answer spliced from stored JSON as a string (no parse and re-stringify), typed as the
 * JSON it is so that the typed client sees its shape.
 */
const splicedJson = <T>(res: Response) => res as Response & TypedResponse<T, 200, 'json'>

/**
 * A health read's headers: JSON, and `X-Step-Up-At`, when this session passed the step-up (epoch
 * ms): the device keeps its offline copy no more than 7 days from it (security.md, offline copy).
 */
const healthHeaders = (stepUpAt: number) => ({
  'Content-Type': 'application/json; charset=UTF-8',
  'X-Step-Up-At': String(stepUpAt),
})

/** 特定健診結果 (journey 6): the step-up (code, secret question, notice) and the results. */
export function checkupRoutes(deps: Deps) {
  const stateOf = async (session: StepUpSession) => {
    const state = await accessState(deps, session)
    if (!state) throw new AppError('not_linked')
    return state
  }
  const member = requireMember(deps)
  // The reads check the session inside their own batch (one round trip for the whole read).
  const token = (c: Context<AppEnv>) => {
    const value = c.get('sessionToken')
    if (!value || value.length > 128) throw new AppError('unauthenticated')
    return value
  }
  return (
    new Hono<AppEnv>()
      .get('/access', member, async (c) => {
        const { state, questionId } = await stateOf(c.get('member')!)
        const question = questionById(questionId)
        return c.json({
          state,
          ...(question && state === 'question' ? { question } : {}),
          questions: SECRET_QUESTIONS,
        })
      })
      .post('/code', member, vValidator('json', ViewingCodeBody, validationHook), async (c) => {
        const session = c.get('member')!
        const outcome = await submitViewingCode(
          deps,
          session,
          c.req.valid('json').code,
          c.get('ip'),
        )
        if (outcome !== 'ok') throw failure(outcome, 'invalid_viewing_code', 'viewing_code_locked')
        return c.json({ state: (await stateOf(session)).state })
      })
      .post(
        '/question',
        member,
        vValidator('json', SecretQuestionBody, validationHook),
        async (c) => {
          const session = c.get('member')!
          const { questionId, answer } = c.req.valid('json')
          const outcome = await setSecretQuestion(deps, session, questionId, answer)
          if (outcome !== 'ok') throw failure(outcome, 'wrong_answer', 'health_locked')
          return c.json({ state: (await stateOf({ ...session, stepUpAt: deps.now() })).state })
        },
      )
      .post('/notice', member, async (c) => {
        const session = c.get('member')!
        if ((await acceptNotice(deps, session)) !== 'ok') throw new AppError('wrong_state')
        return c.json({ state: (await stateOf(session)).state })
      })
      .post('/answer', member, vValidator('json', SecretAnswerBody, validationHook), async (c) => {
        const session = c.get('member')!
        const outcome = await answerSecretQuestion(deps, session, c.req.valid('json').answer)
        if (outcome !== 'ok') throw failure(outcome, 'wrong_answer', 'health_locked')
        return c.json({ state: (await stateOf({ ...session, stepUpAt: deps.now() })).state })
      })
      .get('/', async (c) => {
        const read = refuse(await listCheckupsJson(deps, token(c), c.get('ip')))
        return splicedJson<CheckupListResponse>(
          c.body(read.json, 200, healthHeaders(read.stepUpAt)),
        )
      })
      .get('/fhir', async (c) => {
        const data = refuse(await readAllCheckups(deps, token(c), c.get('ip')))
        const bundle = checkupBundle(data.person, data.checkups, new Date(deps.now()))
        return c.body(JSON.stringify(bundle, null, 2), 200, {
          'Content-Type': 'application/fhir+json; charset=utf-8',
          'Content-Disposition': 'attachment; filename="kenshin-checkups.fhir.json"',
        })
      })
      // One checkup whole (by date, or 'latest'), with the earlier ones (change and trends), spliced
      // from the stored JSON.
      .get('/:examDate', async (c) => {
        const session = token(c)
        const examDate = c.req.param('examDate')
        if (examDate !== 'latest' && !/^\d{4}-\d{2}-\d{2}$/.test(examDate))
          throw new AppError('checkup_not_found')
        const read = refuse(await checkupDetailJson(deps, session, c.get('ip'), examDate))
        if (read === 'not_found') throw new AppError('checkup_not_found')
        return splicedJson<CheckupDetailResponse>(
          c.body(read.json, 200, healthHeaders(read.stepUpAt)),
        )
      })
  )
}
