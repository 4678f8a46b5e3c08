import { defineConfig } from 'drizzle-kit';

// drizzle-kit only generates SQL here; migrations are applied by scripts/migrate.ts, which prints
// real errors (the drizzle-kit migrate CLI can exit 1 silently).
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  casing: 'snake_case',
});
