// npm run db:seed — demo data for development (three clinics, staff, patients, appointments), then
// the demo logins. Does nothing but print the logins when the demo data is already there.
import { getDb, type DbHandle } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { SeedRefusedError, assertSeedAllowed, formatDemoLogins, seedDemo } from '@/db/seed/demo';

try {
  assertSeedAllowed();
} catch (err) {
  if (!(err instanceof SeedRefusedError)) throw err;
  console.error(`[seed] ${err.message}`);
  process.exit(1);
}

let handle: DbHandle | undefined;
try {
  // Inside the try: opening an embedded database another process holds fails with a clear message.
  handle = getDb();
  // Seeding an unmigrated database would only fail on a missing table; migrating is idempotent.
  await runMigrations(handle);
  console.log(`[seed] Seeding demo data (${handle.kind})…`);
  const result = await seedDemo({ log: (line) => console.log(`[seed]${line}`) });
  if (result.status === 'exists') {
    console.log(
      `[seed] Demo data already present (${result.found.slice(0, 3).join(', ')}…); nothing changed.\n` +
        '[seed] To start over: stop the dev server, delete .data/pglite (or drop the database), run npm run dev.',
    );
  } else {
    console.log(
      `[seed] Done in ${(result.ms / 1000).toFixed(1)} s: ${result.clinics} clinics, ${result.users} users, ` +
        `${result.patients} patients, ${result.appointments} appointments.`,
    );
  }
  console.log(`\nDemo logins:\n${formatDemoLogins()}\n`);
} catch (err) {
  console.error('[seed] failed:', err);
  process.exitCode = 1;
} finally {
  await handle?.close();
}
