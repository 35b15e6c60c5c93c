import type { Context } from 'hono'
import type { BaseIssue } from 'valibot'
import { fieldErrors } from '../../core/schemas'
import { AppError } from '../errors'
import type { AppEnv } from '../types'

/** The valibot hook of every route: a 400 with a message per field, in the user's language. */
export function validationHook(
  result: { success: boolean; issues?: unknown },
  c: Context<AppEnv>,
): undefined {
  if (!result.success)
    throw new AppError('validation', {
      fields: fieldErrors(
        result.issues as [BaseIssue<unknown>, ...BaseIssue<unknown>[]],
        c.get('lang'),
      ),
    })
  return undefined
}
