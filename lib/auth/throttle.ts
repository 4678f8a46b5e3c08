/**
 * Login throttling per account. The first few failures are free (typos); after that each failure
 * locks the account for an exponentially growing time, and a long run of failures locks it for a
 * day: far below the 100 consecutive failures ASVS allows.
 */
export const FREE_FAILURES = 4;
export const HARD_LOCK_FAILURES = 20;
const MAX_BACKOFF_MS = 15 * 60_000;
const HARD_LOCK_MS = 24 * 60 * 60_000;

/** How long to lock the account after its `failures`-th consecutive failure (0: not locked). */
export function lockDurationMs(failures: number): number {
  if (failures >= HARD_LOCK_FAILURES) return HARD_LOCK_MS;
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(1000 * 2 ** (failures - FREE_FAILURES - 1), MAX_BACKOFF_MS);
}
