/**
 * workbox-window's ES2017 build, the package's own "primaryBuild" (lib/service-worker.ts imports it):
 * the package's "module" field names its ES5 build, two thirds larger gzipped, which this app's
 * target (ES2022, and every browser with service workers) does not need. Same API, same types.
 */
declare module 'workbox-window/build/workbox-window.prod.mjs' {
  export * from 'workbox-window'
}
