import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { defineConfig, type Plugin, type Rollup } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import solid from 'vite-plugin-solid'

/**
 * The screens the precache keeps for a start without a connection: log-in, home, every results
 * screen (client/pages/checkups/**) and 404. Everything else (sign-up, password reset, card wizard,
 * the access log, inquiry, info pages, log-in help, unlock: screens that need the network anyway) is fetched when first opened, then kept by the service worker's runtime cache of
 * /assets/ (client/sw.ts).
 */
const OFFLINE_PAGES =
  /[\\/]client[\\/]pages[\\/](?:login[\\/]Login\.tsx$|(?:home|checkups)[\\/]|NotFound\.tsx$)/
const PAGES = /[\\/]client[\\/]pages[\\/]/
const ZXCVBN = /@zxcvbn-ts/
/**
 * The modules of the shell chunk (see codeSplitting below); lib/network.ts too, which the entry and
 * the lazily loaded offline store share (a file of its own would be one more request for 0.3 KB).
 */
const SHELL =
  /[\\/]solid-js[\\/](?:dist[\\/]solid|web[\\/]dist[\\/]web)\.js$|[\\/]client[\\/]lib[\\/](?:i18n|network)\.ts$|vite[\\/]preload-helper/
/** English strings (`*.en.ts`): fetched when English is shown, never preloaded for everyone. */
const ENGLISH = /\.en\.ts$/
/**
 * What the offline screens load only to talk to the server: the passkey ceremonies (log-in, the step-up
 * before results) need the network anyway, so @simplewebauthn/browser is fetched when first used.
 */
const NETWORK_ONLY = /[\\/]client[\\/]lib[\\/]passkeys\.ts$|@simplewebauthn/

/**
 * core/i18n.ts reads its messages from core/catalogues.ts, which holds both languages for the
 * worker. In the browser build it reads client/lib/catalogues.ts instead: the same `catalogues`
 * with the Japanese only, the English fetched when English is shown (client/lib/i18n.ts). Only that
 * one import is redirected; everything else resolves as usual.
 */
function browserCatalogues(stand = 'client/lib/catalogues.ts'): Plugin {
  const coreI18n = resolve(import.meta.dirname, 'core/i18n.ts')
  const coreCatalogues = resolve(import.meta.dirname, 'core/catalogues.ts')
  const browser = resolve(import.meta.dirname, stand)
  return {
    name: 'kenshin:browser-catalogues',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer === coreI18n && resolve(dirname(importer), source) === coreCatalogues)
        return browser
      return null
    },
  }
}

/**
 * The modules the offline journey needs: from the entry and the offline pages, every module they
 * import statically, and what they import dynamically except other screens and zxcvbn. Filled in at the end of the
 * module graph's build, read by chunkFileNames below: a chunk holding none of these modules is
 * named `lazy-…` and left out of the precache (globIgnores). Working from the graph rather than
 * from a list of chunk names keeps the rule right while screens move and chunks merge.
 */
const offlineModules = new Set<string>()
function offlineGraph(): Plugin {
  return {
    name: 'kenshin:offline-graph',
    apply: 'build',
    buildEnd() {
      offlineModules.clear()
      const ids = [...this.getModuleIds()]
      const stack = ids.filter((id) => this.getModuleInfo(id)?.isEntry || OFFLINE_PAGES.test(id))
      while (stack.length) {
        const id = stack.pop()!
        if (offlineModules.has(id)) continue
        offlineModules.add(id)
        const info = this.getModuleInfo(id)
        if (!info) continue
        for (const next of info.importedIds) if (!ZXCVBN.test(next)) stack.push(next)
        for (const next of info.dynamicallyImportedIds) {
          // Another screen is not the offline journey's; an offline screen's English strings are.
          if (
            ZXCVBN.test(next) ||
            NETWORK_ONLY.test(next) ||
            (PAGES.test(next) && !OFFLINE_PAGES.test(next) && !ENGLISH.test(next))
          )
            continue
          stack.push(next)
        }
      }
    },
  }
}

/**
 * The stylesheets only `lazy-…` chunks load (a journey's or a component's stylesheet that no screen
 * of the offline journey imports: sign-up, card, info pages, the strength meter): filled once the
 * bundle is written, read by the service worker's manifest below, which leaves them out of the
 * precache like their chunks. Vite names a stylesheet after its chunk's name, not its file name, so
 * the `lazy-` prefix cannot tell them apart; the bundle's own record of which chunk imports which
 * stylesheet can. They are fetched with their chunk when its screen opens, then kept by the
 * service worker's runtime cache of /assets/ (client/sw.ts).
 */
const lazyStylesheets = new Set<string>()
function lazyStylesheetsOf(): Plugin {
  return {
    name: 'kenshin:lazy-stylesheets',
    apply: 'build',
    enforce: 'post',
    writeBundle(_, bundle) {
      const chunks = Object.values(bundle).filter(
        (o): o is Rollup.OutputChunk => o.type === 'chunk',
      )
      if (!chunks.some((c) => c.isEntry && c.fileName.startsWith('assets/index-'))) return
      lazyStylesheets.clear()
      const needed = new Set<string>()
      for (const chunk of chunks) {
        for (const css of chunk.viteMetadata?.importedCss ?? []) {
          if (/^assets\/(lazy|zxcvbn)-/.test(chunk.fileName)) lazyStylesheets.add(css)
          else needed.add(css)
        }
      }
      for (const css of needed) lazyStylesheets.delete(css)
    },
  }
}

/**
 * Each screen's chunks, written to dist/client/route-preloads.json (`{ "/checkups": ["/assets/…"] }`)
 * for the Worker, which adds them to the shell as `<link rel="modulepreload">` (worker/routes/shell.ts).
 * Without them a cold start fetches the entry, runs it, and only then asks for the screen's chunk and,
 * after that, for what the screen loads lazily: one round trip each. A screen's list is its chunk, the
 * chunks it imports statically, and the chunks it imports dynamically from its own journey's folder
 * (/checkups → Results; not its subfolders, such as first-visit/), never zxcvbn, English strings or another screen; the entry's own chunks are in
 * the shell already.
 * The routes are read from client/App.tsx (`const X = lazy(() => import('…'))` and
 * `<Route path="…" component={X} />`); a build test checks every route got its list.
 */
function routePreloads(): Plugin {
  const app = resolve(import.meta.dirname, 'client/App.tsx')
  return {
    name: 'kenshin:route-preloads',
    apply: 'build',
    generateBundle(_, bundle) {
      const chunks = Object.values(bundle).filter(
        (o): o is Rollup.OutputChunk => o.type === 'chunk',
      )
      if (!chunks.some((c) => c.moduleIds.includes(app))) return // the service worker's own build
      const source = readFileSync(app, 'utf8')
      const pages = new Map<string, string>()
      for (const m of source.matchAll(/const (\w+) = lazy\(\(\) => import\('(\.[^']+)'\)\)/g))
        pages.set(m[1], resolve(dirname(app), `${m[2]}.tsx`))
      const byFile = new Map(chunks.map((c) => [c.fileName, c]))
      const byFacade = new Map(
        chunks.filter((c) => c.facadeModuleId).map((c) => [c.facadeModuleId!, c]),
      )
      const staticClosure = (start: Rollup.OutputChunk, into = new Set<string>()) => {
        if (into.has(start.fileName)) return into
        into.add(start.fileName)
        for (const file of start.imports) staticClosure(byFile.get(file)!, into)
        return into
      }
      const inShell = new Set(chunks.filter((c) => c.isEntry).flatMap((c) => [...staticClosure(c)]))
      const routes: Record<string, string[]> = {}
      /** A page's chunk and what it preloads (see above). */
      const filesOf = (name: string, path: string): Set<string> | null => {
        const module = pages.get(name)
        if (!module) return null // drawn by App.tsx itself (/ leads on to /home or /login)
        const chunk = byFacade.get(module)
        if (!chunk) this.error(`route ${path}: no chunk for its page ${name}`)
        const files = staticClosure(chunk)
        const folder = dirname(module)
        for (const file of chunk.dynamicImports) {
          const lazyChunk = byFile.get(file)!
          const facade = lazyChunk.facadeModuleId ?? ''
          // The folder's own lazy chunks only: a subfolder holds what is fetched when due (the
          // checkups' first-visit steps).
          if (
            dirname(facade) === folder &&
            !ZXCVBN.test(facade) &&
            !ENGLISH.test(facade) &&
            ![...pages.values()].includes(facade)
          )
            staticClosure(lazyChunk, files)
        }
        return files
      }
      // Nested routes (`<Route path="/staff" component={StaffShell}>` … `</Route>`): a child's path is
      // its parent's and its own, and its first load is its parent's frame and its own page.
      const parents: { path: string; files: Set<string> }[] = []
      for (const m of source.matchAll(
        /<Route path="([^"*:]+)" component=\{(\w+)\}\s*(\/?)>|<\/Route>/g,
      )) {
        if (m[0] === '</Route>') {
          parents.pop()
          continue
        }
        const parent = parents.at(-1)
        const own = m[1] === '/' && parent ? '' : m[1]
        const path = (parent?.path ?? '') + own || '/'
        const files = filesOf(m[2], path)
        const all = new Set([...(parent?.files ?? []), ...(files ?? [])])
        if (m[3] !== '/') {
          parents.push({ path, files: all })
          continue
        }
        if (!files) continue
        routes[path] = [...all].filter((f) => !inShell.has(f)).map((f) => `/${f}`)
      }
      this.emitFile({
        type: 'asset',
        fileName: 'route-preloads.json',
        source: JSON.stringify(routes),
      })
    },
  }
}

/**
 * The member PWA (client/), built into dist/client for the Worker's static assets. The service
 * worker is our own client/sw.ts (injectManifest), so nothing about API caching is left to a
 * generator; it is registered from the app (workbox-window, client/lib/service-worker.ts), never by
 * an inline script, because the Worker's CSP only runs scripts that carry its nonce.
 */
export default defineConfig({
  root: 'client',
  publicDir: 'public',
  resolve: {
    // The shared importer (core/import) says `csv-parse`, which is its Node build for the command line;
    // the browser and the console's import worker get the package's browser build (the same parser with
    // its own stream and Buffer shims; the Node build imports node:stream).
    alias: [{ find: /^csv-parse$/, replacement: 'csv-parse/browser/esm' }],
  },
  /**
   * The console's import worker (client/pages/staff/imports/import.worker.ts): an ES module worker (the
   * page's CSP allows `worker-src 'self'`, no blob: workers), its catalogue the import messages only
   * (client/pages/staff/imports/worker-catalogues.ts, both languages: the worker cannot fetch the English
   * lazily as the page does), and its file and chunks named `lazy-…` so the member app's precache never
   * carries the parser or zip.js (scripts/build.test.ts checks it).
   */
  worker: {
    format: 'es',
    plugins: () => [browserCatalogues('client/pages/staff/imports/worker-catalogues.ts')],
    rolldownOptions: {
      output: {
        entryFileNames: 'assets/lazy-[name]-[hash].js',
        chunkFileNames: 'assets/lazy-[name]-[hash].js',
        assetFileNames: 'assets/lazy-[name]-[hash][extname]',
      },
    },
  },
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
    // No polyfill for <link rel="modulepreload">: a browser without it (Safari before 17) ignores the
    // links and fetches the same modules through the import graph, a little later; the polyfill would
    // cost every visitor its bytes on every screen.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // The shell: Solid, its DOM runtime, the UI language and its strings, and Vite's preload
        // helper, which the entry and every screen need, in one file that index.html preloads. Left to
        // itself the bundler split them by which lazy modules reach each (more requests, worse gzip).
        // The form rules core shares with the worker (e-mail, sign-up codes, the password policy's
        // lengths and messages: under 1 KB gzip) likewise: one file for the forms, not three.
        codeSplitting: {
          groups: [
            { name: 'shell', test: SHELL },
            { name: 'rules', test: /[\\/]core[\\/](?:email|signup-codes|password-rules)\.ts$/ },
            // The staff console's frame (its screen picker, shell, API client, session, strings) in one
            // chunk: the member app's shell then names one file for the whole console (bench/README.md).
            {
              name: 'staff',
              // Its own modules only: the member app's modules it uses stay where they are.
              includeDependenciesRecursively: false,
              test: /[\\/]client[\\/]pages[\\/]staff[\\/](?:StaffShell|api|session|messages|strings)\.tsx?$|[\\/]core[\\/]staff\.ts$/,
            },
          ],
        },
        // The strength meter's dictionaries (zxcvbn, ~220 KB gzip) get a name of their own, so the
        // service worker can leave them out of the precache: only sign-up and reset need them.
        // The framework chunk the entry preloads is called "shell" rather than after whichever
        // module the bundler picked. Chunks the offline journey does not need are "lazy-…".
        chunkFileNames: (chunk) =>
          chunk.moduleIds.some((id) => ZXCVBN.test(id))
            ? 'assets/zxcvbn-[hash].js'
            : chunk.moduleIds.some((id) => /[\\/]solid-js[\\/]dist[\\/]solid\.js$/.test(id))
              ? 'assets/shell-[hash].js'
              : // The bundler's own runtime (a virtual module, `\0…`) is never in the graph: kept.
                offlineModules.size > 0 &&
                  !chunk.moduleIds.some((id) => offlineModules.has(id) || id.startsWith('\0'))
                ? 'assets/lazy-[name]-[hash].js'
                : 'assets/[name]-[hash].js',
      },
    },
  },
  plugins: [
    browserCatalogues(),
    offlineGraph(),
    routePreloads(),
    lazyStylesheetsOf(),
    solid(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: '.',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'Kenshin Portal 健診ポータル',
        short_name: '健診ポータル',
        description: '健康保険組合の加入者が特定健診結果を確認するためのサービスです。',
        lang: 'ja',
        dir: 'ltr',
        id: '/',
        start_url: '/?app=1', // the installed app's mark: the Worker sets __Host-app for it (docs/security.md, sessions)
        scope: '/',
        display: 'standalone',
        // No `orientation`: the screens work upright and sideways (tables are wide).
        theme_color: '#00695c',
        background_color: '#ffffff',
        categories: ['health', 'medical'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: '/icons/maskable-192.png',
            sizes: '192x192',
            type: 'image/png',
            purpose: 'maskable',
          },
          {
            src: '/icons/maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
        // Shown by the browser's install dialog only: never precached (globIgnores below).
        screenshots: [
          {
            src: '/screenshots/login-narrow.png',
            sizes: '390x844',
            type: 'image/png',
            form_factor: 'narrow',
            label: 'ログイン画面(スマートフォン)',
          },
          {
            src: '/screenshots/login-wide.png',
            sizes: '1280x800',
            type: 'image/png',
            form_factor: 'wide',
            label: 'ログイン画面(パソコン)',
          },
        ],
      },
      // The manifest's icons (192, 512, maskable) are fetched by the browser when it installs the
      // app, online, and kept by it: the pages use only the favicon and the iOS icon, which are
      // precached. The plugin adds manifest.webmanifest itself.
      includeManifestIcons: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html}', 'icons/favicon-*.png', 'icons/apple-touch-icon-*.png'],
        globIgnores: ['**/zxcvbn-*.js', '**/lazy-*.js'],
        // Each journey's stylesheet comes with its chunk: those of lazy chunks stay out, as they do.
        manifestTransforms: [
          async (entries) => ({
            manifest: entries.filter((entry) => !lazyStylesheets.has(entry.url.replace(/^\//, ''))),
            warnings: [],
          }),
        ],
      },
    }),
  ],
})
