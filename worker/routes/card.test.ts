import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { memberLinks } from '../../db/schema'
import {
  APP,
  DEMO_ACCOUNT,
  DEMO_INSURER,
  DEMO_ROSTER_ROWS as ROWS,
  json,
  makeHarness,
  insurerDb,
  seedDemo,
  signUpAndVerify,
  testDb,
  type Harness,
} from '../test/harness'
import { importDemoRoster } from '../test/demo-member'

/** The demo data and roster; each test starts from no links but the demo account's. */
async function setup() {
  const h = makeHarness(await testDb())
  // Tests in workerd share one D1 database: the demo insurer's links go (the demo account's comes back).
  await (await insurerDb(h.deps.db, DEMO_INSURER.id).catch(() => null))?.delete(memberLinks)
  await seedDemo(h.deps)
  const importRows = (rows = ROWS) => importDemoRoster(h.deps, rows)
  expect((await importRows()).rejected).toEqual([])
  return { h, importRows }
}

/** A verified member with an installed-app session (long enough to outlive a day of the clock). */
const newMember = async (h: Harness) => (await signUpAndVerify(h, undefined, APP)).cookie

const card = (over: Record<string, unknown> = {}) => ({
  nameKana: 'サトウ　ケンジ',
  birthDate: '1968-03-12',
  insurerNumber: '06139992',
  symbol: '1202',
  number: '102',
  branch: '00',
  ...over,
})

describe('card linking (利用資格を照会する)', () => {
  it('links a card typed with half-width kana and full-width digits, and home shows the roster name', async () => {
    const { h } = await setup()
    const cookie = await newMember(h)
    const res = await h.post(
      '/api/card/link',
      card({ nameKana: 'ｻﾄｳ ｹﾝｼﾞ', symbol: '１２０２', number: '１０２' }),
      { cookie },
    )
    expect(res.status).toBe(200)
    const me = await json(await h.get('/api/me', { cookie }))
    expect(me.member).toMatchObject({
      linked: true,
      name: 'サトウ　ケンジ',
      insurer: { number: '06139992', name: 'デモ健康保険組合' },
    })
  })

  it.each([
    [
      'the hyphen rule (記号 71-1203)',
      {
        nameKana: 'スズキ　ヒロシ',
        birthDate: '1971-04-13',
        symbol: '71-1203',
        number: '103',
        branch: '',
      },
    ],
    [
      'the part after the hyphen (記号 1203)',
      {
        nameKana: 'スズキ　ミホ',
        birthDate: '1973-10-04',
        symbol: '1203',
        number: '103',
        branch: '',
      },
    ],
    [
      'the last-7 rule (番号 12345682)',
      {
        nameKana: 'タカハシ　ダイスケ',
        birthDate: '1974-05-14',
        symbol: '1204',
        number: '12345682',
        branch: '00',
      },
    ],
    [
      'the last 7 typed (番号 2345682), no 枝番',
      {
        nameKana: 'タカハシ　サクラ',
        birthDate: '1976-11-05',
        symbol: '1204',
        number: '2345682',
        branch: '',
      },
    ],
  ])('links with %s', async (_name, over) => {
    const { h } = await setup()
    const cookie = await newMember(h)
    expect((await h.post('/api/card/link', card(over), { cookie })).status).toBe(200)
  })

  it('tells family members on one card without 枝番 apart by name and birth date', async () => {
    const { h } = await setup()
    const father = await newMember(h)
    const mother = await newMember(h)
    expect(
      (
        await h.post(
          '/api/card/link',
          card({
            nameKana: 'イトウ　イチロウ',
            birthDate: '1980-07-16',
            symbol: '1206',
            number: '106',
            branch: '',
          }),
          { cookie: father },
        )
      ).status,
    ).toBe(200)
    expect(
      (
        await h.post(
          '/api/card/link',
          card({
            nameKana: 'イトウ　ユミ',
            birthDate: '1982-10-07',
            symbol: '1206',
            number: '106',
            branch: '',
          }),
          { cookie: mother },
        )
      ).status,
    ).toBe(200)
    expect((await json(await h.get('/api/me', { cookie: mother }))).member.name).toBe(
      'イトウ　ユミ',
    )
  })

  it.each([
    ['a wrong name', { nameKana: 'サトウ　ケンタ' }, 'card_not_found', 422],
    ['a wrong birth date', { birthDate: '1968-03-13' }, 'card_not_found', 422],
    ['a wrong 枝番', { branch: '01' }, 'card_not_found', 422],
    ['an unknown insurer', { insurerNumber: '01130012' }, 'card_not_found', 422],
    [
      'a person already linked to another account',
      {
        nameKana: 'ケンコウ　タロウ',
        birthDate: '1962-01-10',
        symbol: '1200',
        number: '100',
        branch: '',
      },
      'card_already_linked',
      409,
    ],
    [
      'a person whose qualification ended',
      {
        nameKana: 'コバヤシ　ダイスケ',
        birthDate: '1989-01-19',
        symbol: '1209',
        number: '109',
        branch: '',
      },
      'qualification_ended',
      403,
    ],
    [
      'a dependent over the insurer’s age limit',
      {
        nameKana: 'ケンコウ　ハナコ',
        birthDate: '1964-10-01',
        symbol: '1200',
        number: '100',
        branch: '',
      },
      'card_restricted',
      403,
    ],
    ['an insurer in maintenance', { insurerNumber: '06139463' }, 'insurer_maintenance', 409],
  ])('answers %s with its own outcome', async (_name, over, code, status) => {
    const { h } = await setup()
    const cookie = await newMember(h)
    const res = await h.post('/api/card/link', card(over), { cookie })
    expect(res.status).toBe(status)
    const body = await json(res)
    expect(body.error.code).toBe(code)
    expect(body.error.fields).toBeUndefined()
    expect(JSON.stringify(body)).not.toContain(DEMO_ACCOUNT.email)
  })

  it('gives a stranger the same answer whether the person is on the roster or not', async () => {
    const { h } = await setup()
    const cookie = await newMember(h)
    const real = await h.post('/api/card/link', card({ birthDate: '1968-03-13' }), { cookie })
    const nobody = await h.post(
      '/api/card/link',
      card({ nameKana: 'ダレモ　イナイ', symbol: '9999', number: '9999' }),
      { cookie },
    )
    expect(real.status).toBe(nobody.status)
    expect(await json(real)).toEqual(await json(nobody))
  })

  it('refuses a sixth check in 24 hours per account, even with the right card', async () => {
    const { h } = await setup()
    const cookie = await newMember(h)
    for (let i = 0; i < 5; i++)
      expect(
        (
          await h.post('/api/card/link', card({ nameKana: `サトウ　${'アイウエオ'[i]}` }), {
            cookie,
          })
        ).status,
      ).toBe(422)
    const sixth = await h.post('/api/card/link', card(), { cookie })
    expect(sixth.status).toBe(429)
    expect((await json(sixth)).error.code).toBe('card_too_many_attempts')
    h.advance(24 * 3_600_000 + 1)
    expect((await h.post('/api/card/link', card(), { cookie })).status).toBe(200)
  })

  it('refuses a sixth check of one card in 24 hours, whichever accounts try it', async () => {
    const { h } = await setup()
    for (let i = 0; i < 5; i++) {
      const cookie = await newMember(h)
      await h.post('/api/card/link', card({ birthDate: `1968-03-1${i + 3}` }), { cookie })
    }
    const cookie = await newMember(h)
    expect((await h.post('/api/card/link', card(), { cookie })).status).toBe(429)
  })

  it('keeps the link through a card re-issue: the link hangs on person_key', async () => {
    const { h, importRows } = await setup()
    const cookie = await newMember(h)
    expect((await h.post('/api/card/link', card(), { cookie })).status).toBe(200)
    const reissued = ROWS.map((r) =>
      r.fields[0] === 'D0020'
        ? { ...r, fields: r.fields.map((f, i) => (i === 2 ? '2202' : i === 3 ? '902' : f)) }
        : r,
    )
    expect(await importRows(reissued)).toMatchObject({ updated: 1 })
    expect((await json(await h.get('/api/me', { cookie }))).member).toMatchObject({
      linked: true,
      name: 'サトウ　ケンジ',
    })
    const [link] = await (
      await insurerDb(h.deps.db, DEMO_INSURER.id)
    )
      .select()
      .from(memberLinks)
      .where(and(eq(memberLinks.insurerId, DEMO_INSURER.id), eq(memberLinks.personKey, 'D0020')))
    expect(link).toBeTruthy()
    const stranger = await newMember(h)
    expect((await h.post('/api/card/link', card(), { cookie: stranger })).status).toBe(422)
    expect(
      (
        await h.post('/api/card/link', card({ symbol: '2202', number: '902' }), {
          cookie: stranger,
        })
      ).status,
    ).toBe(409)
  })

  it('checks the fields and needs a logged-in member', async () => {
    const { h } = await setup()
    expect((await h.post('/api/card/link', card())).status).toBe(401)
    const cookie = await newMember(h)
    const res = await h.post(
      '/api/card/link',
      card({ insurerNumber: '06123456', nameKana: 'sato kenji', birthDate: '1968-02-30' }),
      { cookie },
    )
    expect(res.status).toBe(400)
    const fields = (await json(res)).error.fields
    expect(Object.keys(fields).sort()).toEqual(['birthDate', 'insurerNumber', 'nameKana'])
  })
})
