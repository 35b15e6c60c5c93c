import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'

/**
 * Every test layer in one run: pure core rules (Node), the app in workerd with D1, the same app on
 * libSQL (Node), and the journeys in Chromium against `wrangler dev` (e2e).
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
              d1Databases: ['DB'],
              bindings: { TEST_MIGRATIONS: await readD1Migrations('db/migrations') },
            },
          }),
        ],
        test: {
          name: 'workerd',
          include: ['worker/**/*.test.ts'],
          exclude: ['worker/**/*.libsql.test.ts'],
          setupFiles: ['worker/test/apply-migrations.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'libsql',
          include: ['worker/**/*.libsql.test.ts', 'db/**/*.test.ts', 'cli/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      { test: { name: 'build', include: ['scripts/**/*.test.ts'], environment: 'node' } },
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
