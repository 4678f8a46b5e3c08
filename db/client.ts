/**
 * The only place a database connection is made. Application code never imports this file (lint
 * rule and `npm run guardrails`): tenant work goes through db/tenant.ts, system-wide work through
 * db/control/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { env } from '@/lib/env';

export type Database = PgDatabase<PgQueryResultHKT>;

export type DbHandle =
  | {
      kind: 'pg';
      db: Database;
      pool: pg.Pool;
      /** Plain (never pipelined) clients for the streaming reads' cursors: db/tenant-stream.ts. */
      streamPool: pg.Pool;
      close(): Promise<void>;
    }
  | { kind: 'pglite'; db: Database; pglite: PGlite; close(): Promise<void> };

const STREAM_POOL_SIZE = 4;
const CLIENT_WAIT_LIMIT_MS = 10_000;

export function connectPostgres(url: string, poolSize = 10): DbHandle {
  // Pipelined (docs/benchmarks.md, P2): a query is written without waiting for the reply to the
  // one before, so a tenant transaction's opening and its first query share one round trip
  // (db/tenant-pg.ts). Cursors cannot run on such a connection, hence streamPool below.
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    pipeline: true,
    // A request waits at most this long for a client. Every tenant transaction is short, so a
    // longer wait means a leaked client or a saturated pool: the request fails with pg's "timeout
    // exceeded when trying to connect" (logged, a 500) instead of hanging until the proxy gives up.
    connectionTimeoutMillis: CLIENT_WAIT_LIMIT_MS,
  });
  // An idle client erroring (server restart) must not crash the process; the pool replaces it.
  pool.on('error', (err) => console.error('[db] idle client error:', err.message));
  // A cursor keeps its portal open across round trips, which a pipelined connection cannot carry,
  // and holds its client for the whole read: streaming reads draw from a small pool of their own
  // (each running export holds one client; more wait for one, with no time limit, since an export
  // may rightly run for minutes). It connects only when used.
  const streamPool = new pg.Pool({ connectionString: url, max: STREAM_POOL_SIZE });
  streamPool.on('error', (err) => console.error('[db] idle stream client error:', err.message));
  return {
    kind: 'pg',
    db: drizzlePg(pool) as Database,
    pool,
    streamPool,
    close: async () => {
      await Promise.all([pool.end(), streamPool.end()]);
    },
  };
}

/**
 * PGlite is one in-process database that serialises all work. Two processes must never open the
 * same directory, so a lock file names the owner and a second opener fails clearly.
 */
export function openPglite(dataDir: string | undefined): DbHandle {
  const release = dataDir ? lockDataDir(dataDir) : () => {};
  // The contrib extensions the migrations create must be loaded into PGlite up front.
  const pglite = new PGlite(dataDir, { extensions: { btree_gist, pg_trgm } });
  return {
    kind: 'pglite',
    db: drizzlePglite(pglite) as unknown as Database,
    pglite,
    close: async () => {
      await pglite.close();
      release();
    },
  };
}

function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const lockFile = `${path.resolve(dataDir)}.lock`;
  try {
    const holder = Number(fs.readFileSync(lockFile, 'utf8'));
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `The embedded database at ${dataDir} is in use by process ${holder} ` +
          `(is "npm run dev" running?). Stop it first, or set DATABASE_URL.`,
      );
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.writeFileSync(lockFile, String(process.pid));
  const release = () => {
    try {
      if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
    } catch {
      // already gone
    }
  };
  process.once('exit', release);
  return release;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Next's dev server can evaluate this module in more than one bundle; one handle per process.
// Per process, and safe so (docs/scaling.md): a pool of connections, no data; each instance opens
// its own, so Postgres sees instances × pool size connections.
const holder = globalThis as unknown as { __clinicDb?: DbHandle };

/** The process-wide handle: Postgres when DATABASE_URL is set, else PGlite on disk. */
export function getDb(): DbHandle {
  holder.__clinicDb ??= env.DATABASE_URL
    ? connectPostgres(env.DATABASE_URL)
    : openPglite(env.PGLITE_DIR);
  return holder.__clinicDb;
}

/** Tests and scripts point the process at a database of their own. */
export function setDb(handle: DbHandle | undefined): void {
  holder.__clinicDb = handle;
}
