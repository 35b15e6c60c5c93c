import { defineConfig } from 'drizzle-kit'

// Every insurer database's migrations (docs/scale.md). `npm run db:generate` runs this and the directory's.
export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema/insurer.ts',
  out: './db/migrations/insurer',
})
