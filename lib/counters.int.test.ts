/**
 * Per-clinic counters (lib/counters.ts): where a new counter starts, given a floor, and what a
 * counter that was never drawn reads. Concurrency and the MRN draw: lib/data/patients.int.test.ts.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { tenantDb, type TenantScope } from '@/db/tenant';
import { nextCounter, readCounter } from '@/lib/counters';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { createFixtureClinic, type FixtureClinic } from '@/test/fixtures';

const db = useTestDatabase();
let clinic: FixtureClinic;

beforeEach(async () => {
  await resetDatabase(db.handle());
  clinic = await createFixtureClinic('counters');
});

const inClinic = <R>(work: (t: TenantScope) => Promise<R>) => tenantDb(clinic.id).transaction(work);

describe('nextCounter', () => {
  it('starts past the floor when it creates the counter, and ignores the floor after', async () => {
    expect(await inClinic((t) => nextCounter(t, 'c', async () => 1))).toBe(2);
    expect(await inClinic((t) => nextCounter(t, 'c', async () => 100))).toBe(3);
    expect(await inClinic((t) => readCounter(t, 'c'))).toBe(3);
  });

  it('starts at 1 when the floor is below 1', async () => {
    expect(await inClinic((t) => nextCounter(t, 'zero', async () => 0))).toBe(1);
    expect(await inClinic((t) => nextCounter(t, 'negative', async () => -3))).toBe(1);
    expect(await inClinic((t) => readCounter(t, 'negative'))).toBe(1);
  });
});

describe('readCounter', () => {
  it('reads 0 for a counter never drawn', async () => {
    expect(await inClinic((t) => readCounter(t, 'never'))).toBe(0);
  });
});
