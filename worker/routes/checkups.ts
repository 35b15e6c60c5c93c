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
import { requireMember, sessionTokenOf } from '../middleware/session'
import { checkupBundle } from '../services/fhir'
import { checkupDetailJson, listCheckupsJson, readAllCheckups } from '../services/health-reads'
import {
  acceptNotice,
  answerSecretQuestion,
  linkedAccessState,
  questionById,
  setSecretQuestion,
  submitViewingCode,
} from '../services/step-up'
import type { AppEnv } from '../types'
import { validationHook } from './validation'

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
 * ms): the device keeps its offline copy no more than 7 days from it (docs/security.md, offline copy).
 */
const healthHeaders = (stepUpAt: number) => ({
  'Content-Type': 'application/json; charset=UTF-8',
  'X-Step-Up-At': String(stepUpAt),
})

/** 特定健診結果 (journey 6): the step-up (code, secret question, notice) and the results. */
export function checkupRoutes(deps: Deps) {
  const member = requireMember(deps)
  // The reads check the session inside their own batch (one round trip for the whole read).
  const token = (c: Context<AppEnv>) => {
    const value = sessionTokenOf(c)
    if (!value) throw new AppError('unauthenticated')
    return value
  }
  return (
    new Hono<AppEnv>()
      .get('/access', member, async (c) => {
        const { state, questionId } = await linkedAccessState(deps, c.get('member')!)
        const question = questionById(questionId)
        return c.json({
          state,
          ...(question && state === 'question' ? { question } : {}),
          questions: [...SECRET_QUESTIONS],
        })
      })
      .post('/code', member, vValidator('json', ViewingCodeBody, validationHook), async (c) => {
        const session = c.get('member')!
        await submitViewingCode(deps, session, c.req.valid('json').code, c.get('ip'))
        return c.json({ state: (await linkedAccessState(deps, session)).state })
      })
      .post(
        '/question',
        member,
        vValidator('json', SecretQuestionBody, validationHook),
        async (c) => {
          const session = c.get('member')!
          const { questionId, answer } = c.req.valid('json')
          await setSecretQuestion(deps, session, questionId, answer)
          return c.json({
            state: (await linkedAccessState(deps, { ...session, stepUpAt: deps.now() })).state,
          })
        },
      )
      .post('/notice', member, async (c) => {
        const session = c.get('member')!
        await acceptNotice(deps, session)
        return c.json({ state: (await linkedAccessState(deps, session)).state })
      })
      .post('/answer', member, vValidator('json', SecretAnswerBody, validationHook), async (c) => {
        const session = c.get('member')!
        await answerSecretQuestion(deps, session, c.req.valid('json').answer)
        return c.json({
          state: (await linkedAccessState(deps, { ...session, stepUpAt: deps.now() })).state,
        })
      })
      .get('/', async (c) => {
        const read = await listCheckupsJson(deps, token(c), c.get('ip'))
        return splicedJson<CheckupListResponse>(
          c.body(read.json, 200, healthHeaders(read.stepUpAt)),
        )
      })
      .get('/fhir', async (c) => {
        const data = await readAllCheckups(deps, token(c), c.get('ip'))
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
        const read = await checkupDetailJson(deps, session, c.get('ip'), examDate)
        return splicedJson<CheckupDetailResponse>(
          c.body(read.json, 200, healthHeaders(read.stepUpAt)),
        )
      })
  )
}
