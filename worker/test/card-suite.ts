import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import rosterCsv from '../../db/seed/demo-roster.csv?raw'
import type { Database } from '../../db/open'
import { memberLinks, rosterPersons } from '../../db/schema'
import { DEMO_ACCOUNT, DEMO_INSURER, seedDemo } from '../dev/seed'
import {
  APP,
  linkFrom,
  makeHarness,
  sessionCookie,
  captcha,
  uniqueEmail,
  type Harness,
} from './harness'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (res: Response): Promise<any> => res.json()
const lines = rosterCsv.trim().split(/\r?\n/)
const HEADER = lines[0].split(',')
const ROWS = lines.slice(1).map((l, i) => ({ line: i + 2, fields: l.split(',') }))

async function setup(openDb: () => Promise<Database>) {
  const h = makeHarness(await openDb())
  // Tests in workerd share one D1 database: each starts from no links but the demo account's.
  await h.deps.db.delete(memberLinks)
  const tokens = await seedDemo(h.deps)
  const ops = (
    path: string,
    body?: unknown,
    token = tokens.admin,
    method = body === undefined ? 'GET' : 'POST',
  ) =>
    h.app.request(`http://localhost:8787/api/ops${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'CF-Connecting-IP': h.ip,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  const importRows = async (rows = ROWS, header = HEADER, token = tokens.admin) =>
    ops(`/insurers/${DEMO_INSURER.number}/roster/batches`, { header, rows }, token)
  expect((await importRows()).status).toBe(200)
  return { h, tokens, ops, importRows }
}

/** A verified member with an installed-app session (long enough to outlive a day of the clock). */
async function newMember(h: Harness): Promise<string> {
  const email = uniqueEmail()
  await h.post('/api/signup', {
    email,
    emailConfirm: email,
    password: 'mugi-cha-natsu-88',
    agreeTerms: true,
    captchaToken: captcha('signup'),
  })
  const token = linkFrom(h.lastMailTo(email)!, '/verify')
  return sessionCookie(await h.post('/api/signup/verify', { token }, { headers: APP }))
}

const card = (over: Record<string, unknown> = {}) => ({
  nameKana: 'サトウ　ケンジ',
  birthDate: '1968-03-12',
  insurerNumber: '06139992',
  symbol: '1202',
  number: '102',
  branch: '00',
  ...over,
})

/** Roster import and card linking on one driver (D1 in workerd, libSQL in Node). */
export function cardSuite(openDb: () => Promise<Database>) {
  describe('roster import through the operator API', () => {
    it('inserts the roster, then changes nothing when the same rows come again', async () => {
      const { importRows } = await setup(openDb)
      const again = await json(await importRows())
      expect(again).toEqual({ inserted: 0, updated: 0, unchanged: ROWS.length, rejected: [] })
    })

    it('counts a first import as inserted and a changed row as updated', async () => {
      const h = makeHarness(await openDb())
      const tokens = await seedDemo(h.deps)
      const post = (rows: typeof ROWS) =>
        h.app.request(`http://localhost:8787/api/ops/insurers/06139992/roster/batches`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${tokens.operator}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({ header: HEADER, rows }),
        })
      const first = await json(await post(ROWS))
      expect(first.inserted + first.unchanged).toBe(ROWS.length)
      const moved = ROWS.map((r) =>
        r.fields[0] === 'D0050'
          ? { ...r, fields: r.fields.map((f, i) => (i === 12 ? '東京都港区デモ1-2' : f)) }
          : r,
      )
      expect(await json(await post(moved))).toEqual({
        inserted: 0,
        updated: 1,
        unchanged: ROWS.length - 1,
        rejected: [],
      })
    })

    it('reports each bad row with its line, column and reason, and keeps the good rows', async () => {
      const { importRows, h } = await setup(openDb)
      const rows = [
        {
          line: 2,
          fields: [
            'N0001',
            '06139992',
            '9000',
            '900',
            '',
            'アタラシ　イチ',
            '1990-01-01',
            '1',
            '1',
            '',
            '',
            '',
            '',
          ],
        },
        {
          line: 3,
          fields: [
            'N0002',
            '06139992',
            '9000',
            '901',
            '',
            'アタラシ　ニ',
            '1990-02-30',
            '1',
            '1',
            '',
            '',
            '',
            '',
          ],
        },
        {
          line: 4,
          fields: [
            'N0003',
            '01130012',
            '9000',
            '902',
            '',
            'アタラシ　サン',
            '1990-01-03',
            '1',
            '1',
            '',
            '',
            '',
            '',
          ],
        },
        {
          line: 5,
          fields: [
            'N0004',
            '06139992',
            '9000',
            '903',
            '',
            'Atarashi Shi',
            '1990-01-04',
            '3',
            '1',
            '',
            '',
            '',
            '',
          ],
        },
      ]
      const res = await json(await importRows(rows))
      expect(res.inserted).toBe(1)
      const byLine = (line: number) => res.rejected.filter((r: { line: number }) => r.line === line)
      expect(byLine(3)).toMatchObject([{ column: '生年月日', reason: 'roster.birth_date.invalid' }])
      expect(byLine(4)).toMatchObject([{ column: '保険者番号' }])
      expect(
        byLine(5)
          .map((r: { column: string }) => r.column)
          .sort(),
      ).toEqual(['性別', '氏名カナ'])
      expect(byLine(5)[0].message).toMatch(/[ぁ-んァ-ン一-龯]/)
      const stored = await h.deps.db
        .select()
        .from(rosterPersons)
        .where(eq(rosterPersons.personKey, 'N0002'))
      expect(stored).toHaveLength(0)
    })

    it('refuses a file whose header lacks a required column, storing nothing', async () => {
      const { importRows, h } = await setup(openDb)
      const header = HEADER.filter((c) => c !== '番号')
      const res = await importRows(
        [
          {
            line: 2,
            fields: [
              'N0009',
              '06139992',
              '9',
              'ミホン　タロウ',
              '1990-01-01',
              '1',
              '1',
              '',
              '',
              '',
              '',
            ],
          },
        ],
        header,
      )
      expect(res.status).toBe(400)
      expect((await json(res)).error.code).toBe('roster_header')
      expect(
        await h.deps.db.select().from(rosterPersons).where(eq(rosterPersons.personKey, 'N0009')),
      ).toHaveLength(0)
    })

    it('takes English headers too', async () => {
      const { importRows } = await setup(openDb)
      const en = [
        'person_key',
        'insurer_number',
        'symbol',
        'number',
        'branch',
        'name_kana',
        'birth_date',
        'sex',
        'relationship',
        'valid_from',
        'valid_to',
        'postal_code',
        'address',
      ]
      expect(await json(await importRows(ROWS, en))).toMatchObject({
        unchanged: ROWS.length,
        rejected: [],
      })
    })

    it('answers 401 without a valid token and 403 to an operator of another insurer', async () => {
      const { ops, tokens } = await setup(openDb)
      expect((await ops('/whoami', undefined, 'kp_not-a-real-token-at-all')).status).toBe(401)
      const mine = await json(await ops('/whoami', undefined, tokens.operator))
      expect(mine.staff).toMatchObject({ role: 'operator', insurer: '06139992' })
      const other = await ops(
        '/insurers/06139463/roster/batches',
        { header: HEADER, rows: ROWS.slice(0, 1) },
        tokens.operator,
      )
      expect(other.status).toBe(403)
      const list = await json(await ops('/insurers', undefined, tokens.operator))
      expect(list.insurers.map((i: { number: string }) => i.number)).toEqual(['06139992'])
      const create = await ops(
        '/insurers',
        { number: '01130012', name: '別の健保' },
        tokens.operator,
      )
      expect(create.status).toBe(403)
    })

    it('lets an admin create and set an insurer, checking its number and CIDRs', async () => {
      const { ops } = await setup(openDb)
      expect((await ops('/insurers', { number: '06123456', name: 'Bad' })).status).toBe(400)
      const created = await ops('/insurers', {
        number: '33120015',
        name: 'テスト健保',
        allowedCidrs: ['203.0.113.0/24'],
      })
      expect(created.status).toBe(201)
      expect((await ops('/insurers', { number: '33120015', name: 'again' })).status).toBe(409)
      const bad = await ops(
        '/insurers/33120015',
        { allowedCidrs: ['300.1.1.1/8'] },
        undefined,
        'PATCH',
      )
      expect(bad.status).toBe(400)
      const set = await json(
        await ops(
          '/insurers/33120015',
          { maintenance: true, dependentMaxAge: 18 },
          undefined,
          'PATCH',
        ),
      )
      expect(set.insurer).toMatchObject({
        maintenance: true,
        dependentMaxAge: 18,
        allowedCidrs: ['203.0.113.0/24'],
      })
    })
  })

  describe('card linking (利用資格を照会する)', () => {
    it('links a card typed with half-width kana and full-width digits, and home shows the roster name', async () => {
      const { h } = await setup(openDb)
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
      const { h } = await setup(openDb)
      const cookie = await newMember(h)
      expect((await h.post('/api/card/link', card(over), { cookie })).status).toBe(200)
    })

    it('tells family members on one card without 枝番 apart by name and birth date', async () => {
      const { h } = await setup(openDb)
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
      const { h } = await setup(openDb)
      const cookie = await newMember(h)
      const res = await h.post('/api/card/link', card(over), { cookie })
      expect(res.status).toBe(status)
      const body = await json(res)
      expect(body.error.code).toBe(code)
      expect(body.error.fields).toBeUndefined()
      expect(JSON.stringify(body)).not.toContain(DEMO_ACCOUNT.email)
    })

    it('gives a stranger the same answer whether the person is on the roster or not', async () => {
      const { h } = await setup(openDb)
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
      const { h } = await setup(openDb)
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
      const { h } = await setup(openDb)
      for (let i = 0; i < 5; i++) {
        const cookie = await newMember(h)
        await h.post('/api/card/link', card({ birthDate: `1968-03-1${i + 3}` }), { cookie })
      }
      const cookie = await newMember(h)
      expect((await h.post('/api/card/link', card(), { cookie })).status).toBe(429)
    })

    it('keeps the link through a card re-issue: the link hangs on person_key', async () => {
      const { h, importRows } = await setup(openDb)
      const cookie = await newMember(h)
      expect((await h.post('/api/card/link', card(), { cookie })).status).toBe(200)
      const reissued = ROWS.map((r) =>
        r.fields[0] === 'D0020'
          ? { ...r, fields: r.fields.map((f, i) => (i === 2 ? '2202' : i === 3 ? '902' : f)) }
          : r,
      )
      expect(await json(await importRows(reissued))).toMatchObject({ updated: 1 })
      expect((await json(await h.get('/api/me', { cookie }))).member).toMatchObject({
        linked: true,
        name: 'サトウ　ケンジ',
      })
      const [link] = await h.deps.db
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
      const { h } = await setup(openDb)
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
}
