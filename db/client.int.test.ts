/**
 * How long a request waits for a pooled client (db/client.ts): the app pool gives up after
 * 10 seconds, so a leaked client or a saturated pool fails requests instead of hanging them; the
 * stream pool waits as long as it takes, since an export may rightly hold its client for minutes.
 * Postgres only (PGlite has no pool). The clock is faked only while a checkout waits.
 */
import type pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectPostgres, type DbHandle } from '@/db/client';

const url = process.env.DATABASE_URL;
let handle: DbHandle | undefined;
/** Clients a test still holds: released before the pools close, so a failed test cannot hang. */
let held: pg.PoolClient[] = [];

afterEach(async () => {
  vi.useRealTimers();
  for (const client of held) client.release();
  held = [];
  await handle?.close();
  handle = undefined;
});

function pools(size: number): { pool: pg.Pool; streamPool: pg.Pool } {
  handle = connectPostgres(url!, size);
  if (handle.kind !== 'pg') throw new Error('Postgres only');
  return handle;
}

/** Whether `promise` has settled, after letting pending callbacks run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

describe.skipIf(!url)('waiting for a pooled client', () => {
  it('the app pool refuses a checkout that waited 10 seconds, and serves the next one', async () => {
    const { pool } = pools(1);
    held = [await pool.connect()];
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const waiting = pool.connect();
    // Should it be served after all (no limit), the client goes straight back.
    waiting.then((client) => client.release()).catch(() => {});
    await vi.advanceTimersByTimeAsync(9_999);
    expect(await settled(waiting)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(waiting)).toBe(true);
    await expect(waiting).rejects.toThrow('timeout exceeded when trying to connect');
    vi.useRealTimers();
    held.pop()!.release();
    const next = await pool.connect();
    expect((await next.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    next.release();
  });

  it('the stream pool keeps an export waiting for a client as long as it takes', async () => {
    const { streamPool } = pools(1);
    held = await Promise.all(Array.from({ length: 4 }, () => streamPool.connect()));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const waiting = streamPool.connect();
    waiting.catch(() => {});
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(await settled(waiting)).toBe(false);
    vi.useRealTimers();
    held.pop()!.release();
    const client = await waiting;
    held.push(client);
    expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });
});
