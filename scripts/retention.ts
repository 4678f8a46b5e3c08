// npm run retention -- --clinic <slug> [--dry-run] [--grace-days N]
// Retention for one clinic, in this process (see scripts/retention-cli.ts). Works on Postgres
// (DATABASE_URL) and on the embedded PGlite database, which only one process may open at a time:
// with `npm run dev` running it fails with a clear message instead.
import { getDb, type DbHandle } from '@/db/client';
import { appliedMigrationCount, expectedMigrations } from '@/db/migrate';
import { retentionCli } from './retention-cli';

let handle: DbHandle | undefined;
try {
  // Opening the embedded database fails clearly when another process (npm run dev) holds it.
  handle = getDb();
  const applied = await appliedMigrationCount(handle);
  const expected = expectedMigrations().length;
  if (applied < expected) {
    console.error(
      `[retention] The database has ${applied} of ${expected} migrations: run npm run db:migrate first.`,
    );
    process.exitCode = 1;
  } else {
    process.exitCode = await retentionCli(process.argv.slice(2));
  }
} catch (err) {
  console.error('[retention] failed:', err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await handle?.close();
}
