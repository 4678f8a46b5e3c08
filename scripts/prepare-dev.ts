// Runs before `next dev` (npm run dev): applies migrations, seeds the demo data into an empty
// database and prints the logins, then closes the database so that `next dev` can open it (an
// embedded PGlite directory admits one process at a time).
import { getDb, type DbHandle } from '@/db/client';
import { listClinics } from '@/db/control/clinics';
import { expectedMigrations, runMigrations } from '@/db/migrate';
import { formatDemoLogins, seedDemo } from '@/db/seed/demo';
import { operatorsNeedMfa } from '@/lib/auth/mfa/policy';
import { env } from '@/lib/env';

const url = `http://localhost:${env.PORT ?? 3000}`;
const where = env.DATABASE_URL ? 'Postgres (DATABASE_URL)' : `embedded PGlite at ${env.PGLITE_DIR}`;
let handle: DbHandle | undefined;

try {
  // Inside the try: opening an embedded database another process holds fails with a clear message.
  handle = getDb();
  await runMigrations(handle);
  const migrations = expectedMigrations().length;
  const clinics = await listClinics();
  if (clinics.length === 0) {
    console.log(
      `[dev] ${where}: ${migrations} migrations applied; empty database, seeding demo data…`,
    );
    const result = await seedDemo({ log: (line) => console.log(`[dev]${line}`) });
    if (result.status === 'seeded') {
      console.log(`[dev] Seeded in ${(result.ms / 1000).toFixed(1)} s.`);
    }
    console.log(`\nDemo logins:\n${formatDemoLogins()}\n\nOpen ${url}\n`);
  } else {
    console.log(
      `[dev] Database ready: ${where}, ${migrations} migrations, ${clinics.length} clinics. ` +
        `Open ${url} (demo logins: npm run db:seed).`,
    );
  }
  if (!operatorsNeedMfa(env.NODE_ENV)) {
    console.log(
      '[dev] MFA relaxed for development: operators (ops@demo.test) may use the control plane ' +
        'without two-step sign-in. Production requires it (lib/auth/mfa/policy.ts).',
    );
  }
} catch (err) {
  // The real Postgres error, not drizzle-kit's silent exit 1.
  console.error(`[dev] Preparing the database failed (${where}):`, err);
  process.exitCode = 1;
} finally {
  await handle?.close();
}
