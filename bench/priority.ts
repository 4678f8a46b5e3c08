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
        // The backend's pid arrives in BackendKeyData during start-up; no query needed.
        const pid = (client as unknown as { processID?: number | null }).processID;
        if (!pid) return;
        try {
          os.setPriority(pid, PRIORITY);
        } catch (err) {
          console.warn(`[bench] could not renice backend ${pid}: ${(err as Error).message}`);
        }
      });
    },
  };
}
