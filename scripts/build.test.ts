import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const bin = (name: string) => join('node_modules', '.bin', name)

describe('the build', () => {
  it('bundles the Worker for deployment (wrangler deploy --dry-run)', () => {
    const out = mkdtempSync(join(tmpdir(), 'kp-deploy-'))
    const log = execFileSync(bin('wrangler'), ['deploy', '--dry-run', '--outdir', out], { encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } })
    expect(log).toMatch(/--dry-run: exiting now/)
    expect(statSync(join(out, 'index.js')).size).toBeGreaterThan(10_000)
  }, 120_000)

  it('writes a web app manifest that makes the PWA installable', () => {
    const manifest = JSON.parse(readFileSync('dist/client/manifest.webmanifest', 'utf8'))
    expect(manifest.lang).toBe('ja')
    expect(manifest.display).toBe('standalone')
    expect(manifest.start_url).toBe('/')
    const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes)
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']))
    expect(manifest.icons.some((i: { purpose?: string }) => i.purpose?.includes('maskable'))).toBe(true)
    for (const icon of manifest.icons) expect(existsSync(join('dist/client', icon.src))).toBe(true)
  })

  it('generates a service worker that precaches the shell and never the API', () => {
    const sw = readFileSync('dist/client/sw.js', 'utf8')
    expect(sw).toContain('index.html')
    expect(sw).not.toMatch(/["']\/api\/[^"']*["']\s*,\s*revision/)
  })

  it('type-checks (npm run check)', () => {
    execFileSync(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'], { encoding: 'utf8' })
  }, 180_000)
})
