/**
 * Polls pg_stat_activity until a backend of this database is blocked on a lock (at most 10 s):
 * for tests that hold a transaction open and need the other side to be waiting on it.
 */
export async function untilSomeoneWaitsOnALock(pool: {
  query: (q: string) => Promise<{ rows: { n: number }[] }>;
}): Promise<void> {
  for (let i = 0; i < 1000; i += 1) {
    const { rows } = await pool.query(
      `select count(*)::int as n from pg_stat_activity
       where datname = current_database() and wait_event_type = 'Lock'`,
    );
    if ((rows[0]?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no backend ever waited on a lock');
}
