import { defineConfig } from 'drizzle-kit'

// The directory database's migrations (docs/scale.md). `npm run db:generate` runs this and the insurer's.
export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema/directory.ts',
  out: './db/migrations/directory',
})
