import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { openD1 } from '../db/open'
import { addressLocks, riskEvents } from '../db/schema'
import { accountSuite } from './test/account-suite'
import { cardSuite } from './test/card-suite'
import { checkupSuite } from './test/checkup-suite'
import { healthSuite } from './test/health-suite'
import { makeHarness, captcha, uniqueEmail } from './test/harness'

const d1 = () => Promise.resolve(openD1((env as unknown as { DB: D1Database }).DB))

describe('member accounts on D1 in workerd', () => {
  accountSuite(d1)
})

describe('roster and card linking on D1 in workerd', () => {
  cardSuite(d1)
})

describe('enumeration by timing (workerd, D1)', () => {
  it('costs the same for a known and an unknown address: medians within 10%', async () => {
    const h = makeHarness(await d1())
    const email = uniqueEmail()
    await h.post('/api/signup', {
      email,
      emailConfirm: email,
      password: 'mugi-cha-natsu-88',
      agreeTerms: true,
      captchaToken: captcha('signup'),
    })
    const token = /token=([\w-]+)/.exec(h.lastMailTo(email)!.text)![1]
    await h.post('/api/signup/verify', { token })
    const time = async (address: string) => {
      // Every request is a first failure: no level 2, no lock (the lock would answer without a hash).
      await h.deps.db.delete(riskEvents)
      await h.deps.db.delete(addressLocks)
      const t = performance.now()
      await h.post('/api/login', {
        email: address,
        password: 'wrong-password-x',
        captchaToken: captcha('login'),
      })
      return performance.now() - t
    }
    const known: number[] = []
    const unknown: number[] = []
    // Warm the isolate up, then interleave the two kinds so that load on the machine hits both.
    for (let i = 0; i < 3; i++) await time(uniqueEmail('warm'))
    for (let i = 0; i < 20; i++) {
      known.push(await time(email))
      unknown.push(await time(uniqueEmail('nobody')))
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
    const [k, u] = [median(known), median(unknown)]
    expect(Math.abs(k - u) / Math.max(k, u)).toBeLessThan(0.1)
  })
})

describe('checkup import on D1 in workerd', () => {
  checkupSuite(d1)
})

describe('health data step-up and results on D1 in workerd', () => {
  healthSuite(d1)
})
