import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'

/**
 * Every test layer in one run: pure core rules (Node), the app in workerd with D1, the same app on
 * libSQL (Node), and the journeys in Chromium against `wrangler dev` (e2e).
 *
 * `workerd` and `libsql` run the same worker test files (each beside the route or service it tests);
 * their setup files give `testDb()` its database (worker/test/database.ts). A test that only makes
 * sense in workerd skips itself on libSQL with `describe.skipIf(testDbKind() !== 'd1')`.
 */
export default defineConfig(async () => ({
  test: {
    projects: [
      {
        test: {
          name: 'core',
          include: ['core/**/*.test.ts', 'client/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        plugins: [
          cloudflareTest({
            miniflare: {
              compatibilityDate: '2026-11-01',
              compatibilityFlags: ['nodejs_compat'],
              // The directory and two insurer databases (worker/test/setup-d1.ts)
              d1Databases: ['DB', 'DB_DEMO', 'DB_SECOND'],
              bindings: {
                TEST_MIGRATIONS_DIRECTORY: await readD1Migrations('db/migrations/directory'),
                TEST_MIGRATIONS_INSURER: await readD1Migrations('db/migrations/insurer'),
              },
            },
          }),
        ],
        test: {
          name: 'workerd',
          include: ['worker/**/*.test.ts'],
          setupFiles: ['worker/test/setup-d1.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'libsql',
          include: ['worker/**/*.test.ts', 'db/**/*.test.ts', 'cli/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['worker/test/setup-libsql.ts'],
          testTimeout: 60_000,
        },
      },
      { test: { name: 'build', include: ['scripts/**/*.test.ts'], environment: 'node' } },
      // The shared parser's two entry points again, with the csv-parse build the
      // browser gets (vite.config.ts aliases it for the console's Web Worker)
      {
        resolve: { alias: [{ find: /^csv-parse$/, replacement: 'csv-parse/browser/esm' }] },
        test: {
          name: 'browser-csv',
          include: ['cli/import-entry-points.test.ts'],
          environment: 'node',
          env: { CSV_PARSE_BUILD: 'browser' },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
}))
