// npm run db:migrate — applies the committed migrations to DATABASE_URL, or to the embedded
// database when it is unset.
import { getDb } from '@/db/client';
import { runMigrations, expectedMigrations } from '@/db/migrate';

const handle = getDb();
try {
  await runMigrations(handle);
  console.log(`[db] ${expectedMigrations().length} migrations applied (${handle.kind}).`);
} catch (err) {
  console.error('[db] migration failed:', err);
  process.exitCode = 1;
} finally {
  await handle.close();
}
