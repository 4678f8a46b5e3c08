/**
 * For e2e specs that must see a deadline pass without waiting for it: moves rows of the e2e
 * server's Postgres database into the past. Here, not in e2e/, because only db/, scripts/, test/
 * and bench/ may hold a raw database client (docs/INVARIANTS.md, rule 8). Postgres only: with
 * PGlite the server holds the database alone.
 */
import pg from 'pg';

/** The e2e server's database (e2e/serve.sh), or null when the run is on PGlite. */
function e2eDatabaseUrl(): string | null {
  const base = process.env.DATABASE_URL;
  if (!base) return null;
  const url = new URL(base);
  url.pathname = `/${process.env.E2E_DATABASE ?? 'clinic_e2e'}`;
  return url.toString();
}

export const canMoveTheClock = () => e2eDatabaseUrl() !== null;

/** Puts the deadline of the support sessions opened with `reason` one second in the past. */
export async function expireSupportSessions(reason: string): Promise<number> {
  const url = e2eDatabaseUrl();
  if (!url) throw new Error('expireSupportSessions needs the e2e run on Postgres (DATABASE_URL)');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const res = await client.query(
      `update support_sessions set expires_at = now() - interval '1 second'
        where reason = $1 and ended_at is null`,
      [reason],
    );
    return res.rowCount ?? 0;
  } finally {
    await client.end();
  }
}
