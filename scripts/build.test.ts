import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PASSWORD_MAX, PASSWORD_MIN } from '../core/password.ts'

const bin = (name: string) => join('node_modules', '.bin', name)

interface ManifestImage {
  src: string
  sizes: string
  type: string
  purpose?: string
  form_factor?: string
  label?: string
}

/** "WxH" from a PNG's IHDR chunk (after the 8-byte signature and the chunk's length and type). */
function pngSize(file: string): string {
  const head = readFileSync(file).subarray(0, 24)
  expect(head.subarray(0, 8).toString('hex'), file).toBe('89504e470d0a1a0a')
  expect(head.subarray(12, 16).toString('ascii'), file).toBe('IHDR')
  return `${head.readUInt32BE(16)}x${head.readUInt32BE(20)}`
}

/** The URLs in dist/client/sw.js's precache manifest, as bench/bundle.mjs reads them. */
function precached(): string[] {
  const sw = readFileSync('dist/client/sw.js', 'utf8')
  return [...sw.matchAll(/"?url"?:"([^"]+)"/g)].map((m) => m[1].replace(/^\//, ''))
}

describe('the build', () => {
  it('bundles the Worker for deployment (wrangler deploy --dry-run)', () => {
    const out = mkdtempSync(join(tmpdir(), 'kp-deploy-'))
    const log = execFileSync(bin('wrangler'), ['deploy', '--dry-run', '--outdir', out], {
      encoding: 'utf8',
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    })
    expect(log).toMatch(/--dry-run: exiting now/)
    expect(statSync(join(out, 'index.js')).size).toBeGreaterThan(10_000)
  }, 120_000)

  it('writes a web app manifest that makes the PWA installable', () => {
    const manifest = JSON.parse(readFileSync('dist/client/manifest.webmanifest', 'utf8'))
    expect(manifest.lang).toBe('ja')
    expect(manifest.short_name).toBe('健診ポータル')
    expect(manifest.name).toContain('健診ポータル')
    expect(manifest.display).toBe('standalone')
    expect(manifest.start_url).toBe('/?app=1')
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i)
    expect(manifest.orientation).toBeUndefined()
    expect(manifest.categories).toEqual(expect.arrayContaining(['health', 'medical']))
    const icons = manifest.icons as ManifestImage[]
    for (const purpose of ['any', 'maskable']) {
      const sizes = icons
        .filter((i) => (i.purpose ?? 'any').split(' ').includes(purpose))
        .map((i) => i.sizes)
      expect(sizes, purpose).toEqual(expect.arrayContaining(['192x192', '512x512']))
    }
    const screenshots = manifest.screenshots as ManifestImage[]
    expect(screenshots.map((s) => s.form_factor)).toEqual(
      expect.arrayContaining(['narrow', 'wide']),
    )
    for (const s of screenshots) expect(s.label, s.src).toBeTruthy()
  })

  it('ships every manifest image and iOS icon at the size it declares', () => {
    const manifest = JSON.parse(readFileSync('dist/client/manifest.webmanifest', 'utf8'))
    const images: ManifestImage[] = [...manifest.icons, ...manifest.screenshots]
    for (const image of images) {
      expect(image.type, image.src).toBe('image/png')
      expect(pngSize(join('dist/client', image.src)), image.src).toBe(image.sizes)
    }
    const html = readFileSync('dist/client/index.html', 'utf8')
    const touch = html.match(/<link rel="apple-touch-icon" sizes="(\d+x\d+)" href="([^"]+)"/)
    expect(touch).not.toBeNull()
    expect(pngSize(join('dist/client', touch![2]))).toBe(touch![1])
    expect(touch![1]).toBe('180x180')
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest">')
  })

  it('generates a service worker that precaches the shell and never the API', () => {
    const sw = readFileSync('dist/client/sw.js', 'utf8')
    expect(sw).toContain('index.html')
    expect(sw).not.toMatch(/["']\/api\/[^"']*["']\s*,\s*revision/)
  })

  it('keeps the precache within 250 KiB: the offline journey, not screenshots or zxcvbn', () => {
    const urls = precached()
    const bytes = urls.reduce((sum, url) => sum + statSync(join('dist/client', url)).size, 0)
    expect(bytes).toBeLessThanOrEqual(250 * 1024)
    expect(urls).toContain('index.html')
    expect(urls).toContain('manifest.webmanifest')
    expect(new Set(urls).size).toBe(urls.length)
    expect(urls.filter((u) => /screenshots\/|zxcvbn-|lazy-/.test(u))).toEqual([])
    // What index.html loads, and the log-in, home and results screens' chunks.
    const html = readFileSync('dist/client/index.html', 'utf8')
    for (const [, src] of html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g))
      expect(urls).toContain(src)
    for (const name of ['Login', 'Home', 'Checkups', 'Results', 'Criteria']) {
      expect(
        urls.some((u) => new RegExp(`^assets/${name}-[\\w-]+\\.js$`).test(u)),
        name,
      ).toBe(true)
    }
    // The access log needs the network anyway: fetched when opened.
    expect(urls.some((u) => /^assets\/(lazy-)?AccessLog-/.test(u))).toBe(false)
    // A precached chunk's static imports are precached too, or the screen would not start offline.
    const set = new Set(urls)
    for (const url of urls.filter((u) => u.endsWith('.js'))) {
      const code = readFileSync(join('dist/client', url), 'utf8')
      for (const [, dep] of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g))
        expect(set, `${url} imports ${dep}`).toContain(`assets/${dep}`)
    }
  })

  it('precaches what the entry loads lazily for the offline start: the offline store and workbox-window', () => {
    const set = new Set(precached())
    const html = readFileSync('dist/client/index.html', 'utf8')
    const entry = /<script type="module"[^>]* src="\/(assets\/index-[\w-]+\.js)"/.exec(html)
    expect(entry, 'the entry script in index.html').not.toBeNull()
    const code = readFileSync(join('dist/client', entry![1]), 'utf8')
    const lazy = [...code.matchAll(/import\(\s*[`"']\.\/([^`"']+\.js)[`"']\s*\)/g)].map(
      (m) => `assets/${m[1]}`,
    )
    // Neither is in the entry itself: the store is fetched at its first use, workbox-window after load.
    const store = lazy.filter((u) => /^assets\/offline-store-[\w-]+\.js$/.test(u))
    const workbox = lazy.filter((u) => /^assets\/workbox-window[\w.-]*\.js$/.test(u))
    expect(store, 'the entry imports the offline store lazily').toHaveLength(1)
    expect(workbox, 'the entry imports workbox-window lazily').toHaveLength(1)
    expect(
      code,
      'the store (AES-GCM, idb: upgradeneeded) or workbox-window (SKIP_WAITING) in the entry',
    ).not.toMatch(/AES-GCM|upgradeneeded|SKIP_WAITING/)
    // Without a network the member is read from the copy, and the worker still registered: both from the precache.
    for (const url of [...store, ...workbox]) expect(set, url).toContain(url)
    // Whatever the entry imports lazily is precached, but for the screens and files left to need the network.
    for (const url of lazy.filter((u) => !/^assets\/(lazy-|zxcvbn-)/.test(u)))
      expect(set, `${entry![1]} imports ${url}`).toContain(url)
  })

  it('lists each screen’s chunks for the shell to preload: all it imports, nothing the shell has, no zxcvbn or English', () => {
    const routes: Record<string, string[]> = JSON.parse(
      readFileSync('dist/client/route-preloads.json', 'utf8'),
    )
    const app = readFileSync('client/App.tsx', 'utf8')
    const pages = new Map(
      [
        ...app.matchAll(/const (\w+) = lazy\(\(\) => import\('\.\/pages\/(?:[\w/]+\/)?(\w+)'\)\)/g),
      ].map((m) => [m[1], m[2]]),
    )
    // Nested routes (the staff console under /staff) take their parent's path; a child's first load
    // lists its parent's frame too. Routes with a parameter (:id) have no list (the shell matches exact paths).
    const paths: [string, string][] = []
    const parents: string[] = []
    for (const m of app.matchAll(
      /<Route path="(\/[^"*]*)" component=\{(\w+)\}\s*(\/?)>|<\/Route>/g,
    )) {
      if (m[0] === '</Route>') {
        parents.pop()
        continue
      }
      const parent = parents.at(-1)
      const path = (parent ?? '') + (m[1] === '/' && parent ? '' : m[1])
      if (m[3] !== '/') parents.push(path)
      else if (pages.has(m[2]) && !path.includes(':')) paths.push([path, m[2]])
    }
    expect(paths.length).toBeGreaterThan(20)
    expect(Object.keys(routes).sort()).toEqual(paths.map((m) => m[0]).sort())
    const html = readFileSync('dist/client/index.html', 'utf8')
    const inShell = new Set(
      [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]),
    )
    for (const [path, page] of paths.map(([path, name]) => [path, pages.get(name)!])) {
      const files = routes[path]
      // The screen's own chunk, and every chunk a listed chunk imports statically (read from the built
      // files), are either listed or loaded by index.html: nothing is left for a later round trip.
      expect(
        files.some((f) => new RegExp(`^/assets/(lazy-)?${page}-[\\w-]+\\.js$`).test(f)),
        `${path} lists ${page}`,
      ).toBe(true)
      for (const file of files) {
        expect(inShell.has(file), `${path}: ${file} is in the shell already`).toBe(false)
        expect(file).not.toMatch(/zxcvbn-/)
        expect(file, `${path}: English strings are fetched when English is shown`).not.toMatch(
          /\.en-[\w-]+\.js$/,
        )
        const code = readFileSync(join('dist/client', file), 'utf8')
        for (const [, dep] of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) {
          const url = `/assets/${dep}`
          expect(files.includes(url) || inShell.has(url), `${path}: ${file} imports ${dep}`).toBe(
            true,
          )
        }
      }
    }
    // The results screen's own chunk (loaded lazily by /checkups) comes with it; the criteria screen does not.
    expect(routes['/checkups'].some((f) => /\/Results-[\w-]+\.js$/.test(f))).toBe(true)
    expect(routes['/checkups'].some((f) => /\/Criteria-[\w-]+\.js$/.test(f))).toBe(false)
  })

  it('gives the client the policy’s length rules without the policy: core/password-rules.ts', () => {
    // client/lib/validate-password.ts answers with the length rules until the policy (core/password.ts,
    // with its common-password list) is fetched; it takes them from the light file both share.
    const source = readFileSync('client/lib/validate-password.ts', 'utf8')
    expect(source).toMatch(
      /import \{[^}]*passwordLengthProblems[^}]*\} from '\.\.\/\.\.\/core\/password-rules'/,
    )
    expect(source).not.toMatch(/^import [^(]*'\.\.\/\.\.\/core\/password'/m)
    const rules = readFileSync('core/password-rules.ts', 'utf8')
    expect(rules).not.toMatch(/common-passwords/)
    expect([PASSWORD_MIN, PASSWORD_MAX]).toEqual([8, 128])
  })

  it('routes neither /api/ nor /dev/ to a cache in the service worker source', () => {
    const source = readFileSync('client/sw.ts', 'utf8')
    // Only the navigation route may name /api/ and /dev/: in its denylist.
    const code = source.replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '')
    const mentions = [...code.matchAll(/\\?\/(api|dev)\\?\//g)].length
    expect(code).toMatch(/denylist:\s*\[\/\^\\\/api\\\/\/, \/\^\\\/dev\\\/\/\]/)
    expect(mentions).toBe(2)
    expect(code).not.toMatch(/runtimeCaching|new NetworkFirst|new StaleWhileRevalidate/)
    // The runtime route covers hashed /assets/ files only.
    expect(code).toMatch(/HASHED_ASSET = \/\^\\\/assets\\\//)
  })

  it('keeps the console’s import worker, its parser and zip.js out of the precache: the import screen fetches them', () => {
    const assets = readdirSync('dist/client/assets')
    const workers = assets.filter((f) => /^lazy-import\.worker-[\w-]+\.js$/.test(f))
    expect(workers, 'one import worker, named lazy-').toHaveLength(1)
    const screens = assets.filter((f) => /^lazy-Imports-[\w-]+\.js$/.test(f))
    expect(screens, 'the import screen’s own lazy chunk').toHaveLength(1)
    const screen = readFileSync(join('dist/client/assets', screens[0]), 'utf8')
    // a module worker from /assets/ (CSP worker-src 'self'; never a blob: worker)
    expect(screen.includes(workers[0]), 'the screen names the worker').toBe(true)
    expect(/type:\s*["'`]module["'`]/.test(screen), 'a module worker').toBe(true)
    // the worker with every chunk it imports: the shared parser's csv-parse (browser build) and zip.js
    const seen = new Set<string>()
    const walk = (file: string): string => {
      if (seen.has(file)) return ''
      seen.add(file)
      const code = readFileSync(join('dist/client/assets', file), 'utf8')
      let all = code
      for (const [, dep] of code.matchAll(/(?:from|import)\s*\(?\s*["']\.\/([^"']+\.js)["']/g))
        all += walk(dep)
      return all
    }
    const worker = walk(workers[0])
    for (const file of seen) expect(file, 'a chunk of the worker').toMatch(/^lazy-/)
    const markers = [/End of central directory not found/, /CSV_QUOTE_NOT_CLOSED/]
    for (const marker of markers) expect(marker.test(worker), String(marker)).toBe(true)
    expect(/node:stream/.test(worker), 'the Node build of csv-parse').toBe(false)
    // none of it in what the service worker precaches for every member
    const urls = precached()
    expect(urls.filter((u) => /import\.worker|Imports-/.test(u))).toEqual([])
    const precachedCode = urls
      .filter((u) => u.endsWith('.js'))
      .map((u) => readFileSync(join('dist/client', u), 'utf8'))
      .join('\n')
    for (const marker of markers)
      expect(marker.test(precachedCode), `${marker} precached`).toBe(false)
  })

  it('type-checks (npm run check)', () => {
    execFileSync(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'], { encoding: 'utf8' })
  }, 180_000)
})
