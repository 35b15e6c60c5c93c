import { defineConfig } from 'vitest/config'

/** The pure core/ layer: plain Node, no Workers runtime or browser needed. */
export default defineConfig({
  test: {
    name: 'core',
    include: ['core/**/*.test.ts'],
    environment: 'node',
  },
})
