/**
 * `--nice`: raise the scheduling priority of the bench process and of the Postgres backends
 * serving its connections (both sides alike), so that other work on a shared machine disturbs
 * the measurements less. Needs root and Postgres on this host; otherwise it warns and does nothing.
 */
import os from 'node:os';
import type pg from 'pg';

const PRIORITY = -10;

export interface Priority {
  /** Renices the backend behind every connection the pool opens from now on. */
  boost(pool: pg.Pool): void;
  enabled: boolean;
}

export function setupPriority(wanted: boolean, url: string): Priority {
  const off: Priority = { enabled: false, boost: () => {} };
  if (!wanted) return off;
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]', ''].includes(host)) {
    console.warn(`[bench] --nice ignored: Postgres is on ${host}, not this host`);
    return off;
  }
  try {
    os.setPriority(0, PRIORITY);
  } catch (err) {
    console.warn(`[bench] --nice ignored: ${(err as Error).message}`);
    return off;
  }
  return {
    enabled: true,
    boost(pool) {
      pool.on('connect', (client) => {
        client
          .query<{ pid: number }>('select pg_backend_pid() as pid')
          .then((r) => {
            const pid = r.rows[0]?.pid;
            if (pid) os.setPriority(pid, PRIORITY);
          })
          .catch((err: Error) =>
            console.warn(`[bench] could not renice a backend: ${err.message}`),
          );
      });
    },
  };
}
