import { createClient } from '@libsql/client'
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { migrateLibsql } from './migrate'

const dir = mkdtempSync(join(tmpdir(), 'kenshin-migrations-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('db/migrations on libSQL', () => {
  it('0005 counts the grades of checkups imported before it', async () => {
    const all = readdirSync(join(import.meta.dirname, 'migrations'))
      .filter((f) => f.endsWith('.sql'))
      .sort()
    const before = join(dir, 'before')
    cpSync(join(import.meta.dirname, 'migrations'), before, {
      recursive: true,
      filter: (src) => !src.endsWith('0005_checkup_grades.sql'),
    })
    const client = createClient({ url: ':memory:' })
    expect(await migrateLibsql(client, before)).toEqual(
      all.filter((f) => f !== '0005_checkup_grades.sql'),
    )
    await client.execute(
      `INSERT INTO insurers (id, number, name, created_at) VALUES ('i1', '06139992', 'x', 0)`,
    )
    const results = JSON.stringify([
      { grade: 'A' },
      { grade: 'C' },
      { grade: 'C' },
      { code: 'x' },
      { grade: 'D' },
    ])
    await client.execute({
      sql: `INSERT INTO checkups (id, insurer_id, person_key, exam_date, source, table_version, results, content_hash, created_at, updated_at) VALUES ('c1', 'i1', 'P1', '2025-05-10', 'csv', 't', ?, 'h', 0, 0), ('c2', 'i1', 'P1', '2024-05-10', 'csv', 't', '[]', 'h', 0, 0)`,
      args: [results],
    })
    expect(await migrateLibsql(client, join(import.meta.dirname, 'migrations'))).toEqual([
      '0005_checkup_grades.sql',
    ])
    const rows = (await client.execute(`SELECT id, grades FROM checkups ORDER BY id`)).rows
    expect(rows.map((r) => [r.id, JSON.parse(String(r.grades))])).toEqual([
      ['c1', { A: 1, B: 0, C: 2, D: 1 }],
      ['c2', { A: 0, B: 0, C: 0, D: 0 }],
    ])
  })
})
