import { vValidator } from '@hono/valibot-validator'
import { Hono } from 'hono'
import { CaptchaBody } from '../../core/schemas'
import type { Deps } from '../deps'
import { previewLevel, siteKeyFor, subjectsFor } from '../services/risk'
import type { AppEnv } from '../types'
import { validationHook } from './validation'

/** The captcha level the next log-in submit needs (journey 5), asked before the form is sent. */
export function captchaRoutes(deps: Deps) {
  return new Hono<AppEnv>().post(
    '/',
    vValidator('json', CaptchaBody, validationHook),
    async (c) => {
      const { email, action } = c.req.valid('json')
      // Staff addresses have their own counters (services/gate.ts).
      const counter = action === 'staff_login' ? 'staff' : 'addr'
      const level = await previewLevel(deps, await subjectsFor(deps, c.get('ip'), email, counter))
      return c.json({ level, siteKey: siteKeyFor(deps.config, level) })
    },
  )
}
