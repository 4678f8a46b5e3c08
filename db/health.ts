import { sql } from 'drizzle-orm';
import { getDb } from './client';
import { appliedMigrationCount, expectedMigrations } from './migrate';

export interface HealthReport {
  status: 'ok' | 'error';
  db: 'ok' | 'error';
  /** `applied` is null when the database could not be asked. */
  migrations: { applied: number | null; expected: number };
}

/** A load balancer wants an answer, not a request hanging on an unreachable database. */
const TIMEOUT_MS = 3000;

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Really asks the database (`select 1`) and compares the applied migrations with the ones this
 * build ships: a database behind (or ahead of) the code is unhealthy even when it answers. The
 * cause of a failure is logged, never returned: the endpoint is public.
 */
export async function checkHealth(): Promise<HealthReport> {
  const expected = expectedMigrations().length;
  try {
    const applied = await withTimeout(
      (async () => {
        const handle = getDb();
        await handle.db.execute(sql`select 1`);
        return appliedMigrationCount(handle);
      })(),
    );
    return {
      status: applied === expected ? 'ok' : 'error',
      db: 'ok',
      migrations: { applied, expected },
    };
  } catch (err) {
    console.error('[health] database check failed:', describe(err));
    return { status: 'error', db: 'error', migrations: { applied: null, expected } };
  }
}

/** Drizzle wraps driver errors ("Failed query: …"); the reason is further down the cause chain. */
function describe(err: unknown): string {
  const messages: string[] = [];
  for (let e: unknown = err; e instanceof Error && messages.length < 5; e = e.cause) {
    messages.push(e.message.split('\n')[0] ?? '');
  }
  return messages.length > 0 ? messages.join(' <- ') : String(err);
}
