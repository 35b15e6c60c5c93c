import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server'
import { vValidator } from '@hono/valibot-validator'
import { Hono } from 'hono'
import {
  EmptyBody,
  PasskeyAddBody,
  PasskeyLoginBody,
  PasskeyOptionsBody,
  PasskeyRenameBody,
  PasskeyStepUpBody,
} from '../../core/passkeys'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { requireMember } from '../middleware/session'
import { getMember, issueUnlockLink } from '../services/accounts'
import { audit } from '../services/audit'
import { memberProfile } from '../services/card'
import { nextCaptcha, passGate } from '../services/gate'
import { mailTemplates } from '../services/mail-templates'
import {
  addMemberPasskey,
  admitLoginOptions,
  hasMemberPasskey,
  listMemberPasskeys,
  memberLoginOptions,
  memberRegistrationOptions,
  memberStepUpOptions,
  passkeyOwner,
  removeMemberPasskey,
  renameMemberPasskey,
  requireRecentProof,
  verifyMemberAssertion,
} from '../services/member-passkeys'
import { admitPasskeyStepUp, passkeyStepUp } from '../services/step-up'
import type { AppEnv } from '../types'
import { afterResponse, logIn, sendInBackground } from './respond'
import { validationHook } from './validation'

/** A credential id in a path: base64url, as long as the body's field allows at most. */
const credentialParam = (raw: string) => {
  if (raw.length === 0 || raw.length > 1024 || !/^[A-Za-z0-9_-]+$/.test(raw))
    throw new AppError('not_found')
  return raw
}

/**
 * パスキー (journey 10, docs/security.md): the member's own list (add with a recent proof, rename,
 * remove; a notice mail after each change of the list), log-in with one (the button and the browser's
 * autofill: the same log-in gate as the password's), and the step-up before health data with one.
 */
export function passkeyRoutes(deps: Deps) {
  const member = requireMember(deps)
  return (
    new Hono<AppEnv>()
      .get('/', member, async (c) => {
        const list = await listMemberPasskeys(deps, c.get('member')!.accountId)
        return c.json({ passkeys: list })
      })
      .post(
        '/options',
        member,
        vValidator('json', PasskeyOptionsBody, validationHook),
        async (c) => {
          const session = c.get('member')!
          await requireRecentProof(deps, session, c.req.valid('json').password)
          return c.json(await memberRegistrationOptions(deps, session))
        },
      )
      .post('/', member, vValidator('json', PasskeyAddBody, validationHook), async (c) => {
        const session = c.get('member')!
        const { challengeId, name, response } = c.req.valid('json')
        const added = await addMemberPasskey(deps, session, {
          challengeId,
          name,
          response: response as unknown as RegistrationResponseJSON,
        })
        if (!added) throw new AppError('passkey_refused')
        await audit(deps, {
          action: 'passkey.added',
          actorType: 'member',
          actorId: session.accountId,
          accountId: session.accountId,
          ip: c.get('ip'),
        })
        await sendInBackground(
          c,
          deps,
          mailTemplates.passkeyChanged(c.get('lang'), session.email, deps.config.appOrigin, {
            kind: 'added',
            name,
            at: new Date(added.createdAt),
          }),
        )
        return c.json({ passkey: { ...added, lastUsedAt: null as number | null } }, 201)
      })
      .post(
        '/:id/name',
        member,
        vValidator('json', PasskeyRenameBody, validationHook),
        async (c) => {
          const session = c.get('member')!
          const id = credentialParam(c.req.param('id') ?? '')
          const { name } = c.req.valid('json')
          if (!(await renameMemberPasskey(deps, session.accountId, id, name)))
            throw new AppError('not_found')
          await audit(deps, {
            action: 'passkey.renamed',
            actorType: 'member',
            actorId: session.accountId,
            accountId: session.accountId,
            ip: c.get('ip'),
          })
          return c.json({ ok: true as const })
        },
      )
      .post('/:id/remove', member, vValidator('json', EmptyBody, validationHook), async (c) => {
        const session = c.get('member')!
        const removed = await removeMemberPasskey(
          deps,
          session.accountId,
          credentialParam(c.req.param('id') ?? ''),
        )
        if (!removed) throw new AppError('not_found')
        await audit(deps, {
          action: 'passkey.removed',
          actorType: 'member',
          actorId: session.accountId,
          accountId: session.accountId,
          ip: c.get('ip'),
        })
        await sendInBackground(
          c,
          deps,
          mailTemplates.passkeyChanged(c.get('lang'), session.email, deps.config.appOrigin, {
            kind: 'removed',
            name: removed.name,
            at: new Date(deps.now()),
          }),
        )
        return c.json({ ok: true as const })
      })
      // Log-in: options for anyone (no credential list: discoverable passkeys), then the assertion.
      .post('/login/options', vValidator('json', EmptyBody, validationHook), async (c) => {
        await admitLoginOptions(deps, c.get('ip'))
        return c.json(await memberLoginOptions(deps))
      })
      .post('/login', vValidator('json', PasskeyLoginBody, validationHook), async (c) => {
        const { challengeId, response, captchaToken } = c.req.valid('json')
        const ip = c.get('ip')
        // The address the attempt counts for is the passkey owner's (the credential id is only a
        // name; the signature below proves it). An unknown credential counts for the network only.
        const owner = await passkeyOwner(deps, response.id)
        const gate = await passGate(deps, {
          action: 'login',
          ip,
          email: owner?.email,
          captchaToken,
          needsCaptcha: true,
        })
        const accountId = await verifyMemberAssertion(deps, {
          challengeId,
          response: response as unknown as AuthenticationResponseJSON,
          purpose: 'member_login',
        })
        if (!accountId || accountId !== owner?.accountId) {
          const { lockedNow } = await gate.settle('wrong')
          await afterResponse(c, deps, async () => {
            if (!owner) return null
            await audit(deps, {
              action: 'login.failed',
              actorType: 'anonymous',
              accountId: owner.accountId,
              ip,
              detail: { method: 'passkey' },
            })
            if (!lockedNow || !gate.subjects.address) return null
            await audit(deps, {
              action: 'address.locked',
              actorType: 'system',
              accountId: owner.accountId,
              ip,
            })
            const account = await getMember(deps, owner.accountId)
            return account
              ? issueUnlockLink(deps, account, gate.subjects.address, c.get('lang'))
              : null
          })
          if (gate.level >= 2) await deps.sleep(deps.config.risk.failureDelayMs)
          throw new AppError('passkey_login_failed', {
            captcha: await nextCaptcha(deps, gate.subjects),
          })
        }
        await gate.settle('right')
        await logIn(c, deps, accountId, { method: 'passkey' })
        await audit(deps, {
          action: 'login.succeeded',
          actorType: 'member',
          actorId: accountId,
          accountId,
          ip,
          detail: { mode: c.get('mode'), method: 'passkey' },
        })
        return c.json({ member: await memberProfile(deps, accountId) })
      })
      // The step-up before health data, instead of the secret question.
      .get('/step-up', member, async (c) => {
        const session = c.get('member')!
        return c.json({ available: await hasMemberPasskey(deps, session.accountId) })
      })
      .post(
        '/step-up/options',
        member,
        vValidator('json', EmptyBody, validationHook),
        async (c) => {
          const session = c.get('member')!
          await admitPasskeyStepUp(deps, session)
          return c.json(await memberStepUpOptions(deps, session.accountId))
        },
      )
      .post(
        '/step-up',
        member,
        vValidator('json', PasskeyStepUpBody, validationHook),
        async (c) => {
          const session = c.get('member')!
          const { challengeId, response } = c.req.valid('json')
          await passkeyStepUp(
            deps,
            session,
            async () =>
              (await verifyMemberAssertion(deps, {
                challengeId,
                response: response as unknown as AuthenticationResponseJSON,
                purpose: 'member_step_up',
                accountId: session.accountId,
              })) === session.accountId,
            c.get('ip'),
          )
          return c.json({ state: 'ready' as const })
        },
      )
  )
}
