import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import solid from 'vite-plugin-solid'

/**
 * The member PWA (client/), built into dist/client for the Worker's static assets. The service
 * worker is our own client/sw.ts (injectManifest), so nothing about API caching is left to a
 * generator; it is registered from the app (virtual:pwa-register/solid), never by an inline script,
 * because the Worker's CSP only runs scripts that carry its nonce.
 */
export default defineConfig({
  root: 'client',
  publicDir: 'public',
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      output: {
        // The strength meter's dictionaries (zxcvbn, ~220 KB gzip) get a name of their own, so the
        // service worker can leave them out of the precache: only sign-up and reset need them.
        // The framework chunk the entry preloads is called "shell" rather than after whichever
        // module the bundler picked.
        chunkFileNames: (chunk) =>
          chunk.moduleIds.some((id) => id.includes('@zxcvbn-ts'))
            ? 'assets/zxcvbn-[hash].js'
            : chunk.moduleIds.some((id) => /[\\/]solid-js[\\/]dist[\\/]solid\.js$/.test(id))
              ? 'assets/shell-[hash].js'
              : 'assets/[name]-[hash].js',
      },
    },
  },
  plugins: [
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
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: '#00695c',
        background_color: '#ffffff',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,png,webmanifest}'],
        globIgnores: ['**/zxcvbn-*.js'],
      },
    }),
  ],
})
