import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * The house rules that a reader should not have to enforce by eye (docs/architecture.md): data flows
 * one way, route → service → db, and the client and the command line reach the worker only through
 * its types. Each rule names the layer that imports, the places it must not import, and whether a
 * type-only import (`import type`, `import('…').T`) is allowed.
 */
const root = resolve(import.meta.dirname, '..')

interface Rule {
  name: string
  from: (file: string) => boolean
  forbidden: (target: string) => boolean
  typesAllowed: boolean
}

const isTest = (f: string) =>
  /\.(test|cases)\.tsx?$/.test(f) || f.includes('/test/') || f.includes('/testing/')
const under = (dir: string) => (f: string) => f.startsWith(`${dir}/`)

const RULES: Rule[] = [
  {
    name: 'core depends on nothing of the project above it',
    from: under('core'),
    forbidden: (t) => /^(worker|client|db|cli|bench|scripts|e2e)\//.test(t),
    typesAllowed: false,
  },
  {
    name: 'db depends on core only',
    from: under('db'),
    forbidden: (t) => /^(worker|client|cli|bench|scripts|e2e)\//.test(t),
    typesAllowed: false,
  },
  {
    name: 'the client takes types, never runtime code, from the worker',
    from: under('client'),
    forbidden: (t) => /^(worker|db|cli)\//.test(t),
    typesAllowed: true,
  },
  {
    name: 'the command line takes types, never runtime code, from the worker',
    from: (f) => under('cli')(f) && !isTest(f),
    forbidden: (t) => /^(worker|client)\//.test(t),
    typesAllowed: true,
  },
  {
    name: 'routes and middleware reach the database only through services',
    from: (f) => /^worker\/(routes|middleware)\//.test(f) && !isTest(f),
    forbidden: (t) => t.startsWith('db/') || t === 'drizzle-orm' || t.startsWith('drizzle-orm/'),
    typesAllowed: false,
  },
  {
    name: 'services never see a request: no routes, middleware or Hono context',
    from: (f) => f.startsWith('worker/services/') && !isTest(f),
    forbidden: (t) => /^worker\/(routes|middleware)\//.test(t) || t === 'hono',
    typesAllowed: false,
  },
]

/** Every import of a source file: its target (a project path without extension, or a package). */
function importsOf(file: string): { target: string; typeOnly: boolean }[] {
  const text = readFileSync(join(root, file), 'utf8')
  const found: { target: string; typeOnly: boolean }[] = []
  const statement = /(?:^|\n)\s*(import|export)(\s+type)?\b[^;'"]*?from\s*['"]([^'"]+)['"]/g
  const bare = /(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g
  const dynamic = /import\(\s*['"]([^'"]+)['"]\s*\)(\.[A-Za-z_$])?/g
  for (const m of text.matchAll(statement)) found.push({ target: m[3], typeOnly: !!m[2] })
  for (const m of text.matchAll(bare)) found.push({ target: m[1], typeOnly: false })
  for (const m of text.matchAll(dynamic)) found.push({ target: m[1], typeOnly: !!m[2] })
  return found.map(({ target, typeOnly }) => ({
    target: target.startsWith('.')
      ? relative(root, resolve(root, dirname(file), target)).replaceAll('\\', '/')
      : target,
    typeOnly,
  }))
}

function sourceFiles(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`
    if (entry.isDirectory()) out.push(...sourceFiles(path))
    else if (/\.(ts|tsx|mjs)$/.test(entry.name)) out.push(path)
  }
  return out
}

/**
 * Imports against the flow that the redesign of issue 10 is moving out; the list must shrink to
 * nothing. An entry that no longer breaks a rule fails the test, so the list cannot go stale.
 */
const MOVING = new Set<string>([])

describe('the house rules', () => {
  const seen = new Set<string>()
  const files = ['core', 'db', 'client', 'cli', 'worker'].flatMap(sourceFiles)

  for (const rule of RULES) {
    it(rule.name, () => {
      const broken = files.filter(rule.from).flatMap((file) =>
        importsOf(file)
          .filter((i) => rule.forbidden(i.target) && !(rule.typesAllowed && i.typeOnly))
          .map((i) => `${file} → ${i.target}`),
      )
      for (const b of broken) seen.add(b)
      expect(broken.filter((b) => !MOVING.has(b))).toEqual([])
    })
  }

  it('lists no import as moving that is already gone', () => {
    expect([...MOVING].filter((m) => !seen.has(m))).toEqual([])
  })

  it('finds an import against the flow (the check itself works)', () => {
    const rule = RULES.find((r) => r.name.startsWith('routes'))!
    expect(rule.forbidden('db/schema')).toBe(true)
    expect(rule.from('worker/routes/signup.ts')).toBe(true)
    expect(importsOf('scripts/house.test.ts').map((i) => i.target)).toContain('node:child_process')
  })

  it('is formatted by Prettier (npm run format)', () => {
    const bin = join(root, 'node_modules/.bin/prettier')
    const run = spawnSync(bin, ['--list-different', '.'], { cwd: root, encoding: 'utf8' })
    expect(run.stderr).toBe('')
    expect(run.stdout.trim().split('\n').filter(Boolean)).toEqual([])
    // Prettier reads every file of the tree: 5–15 s on this kind of shared machine.
  }, 120_000)
})
