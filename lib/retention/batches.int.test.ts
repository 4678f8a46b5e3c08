/**
 * One batch of each retention phase, called directly: how much a batch takes on and what it
 * answers, which the run (lib/retention/retention.int.test.ts) relies on to know when a phase is
 * done. Real rows in Postgres, real bytes on a temporary disk.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tenantDb } from '@/db/tenant';
import { getStorage, setStorage } from '@/lib/storage';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { createFixtureClinic, type FixtureClinic } from '@/test/fixtures';
import {
  attachmentStates,
  daysAgo,
  insertAttachments,
  storedFiles,
  useTempStorage,
} from '@/test/retention-fixtures';
import { purgeBatch } from './purge';
import { softDeleteBatch } from './soft-delete';

const db = useTestDatabase();
const NOW = new Date('2026-10-01T03:00:00.000Z');
let clinic: FixtureClinic;
let storage: ReturnType<typeof useTempStorage>;

beforeEach(async () => {
  await resetDatabase(db.handle());
  storage = useTempStorage();
  clinic = await createFixtureClinic('batches');
});
afterEach(() => storage.cleanup());

describe('softDeleteBatch', () => {
  it('fills a batch with rows past the age limit first, then those beyond the latest N', async () => {
    // Two past 90 days; five recent ones of one entity type, of which the latest 1 is kept.
    await insertAttachments(
      clinic.id,
      [100, 120, 1, 2, 3, 4, 5].map((ageDays) => ({ purpose: 'export' as const, ageDays })),
      NOW,
    );
    const config = { retentionDays: 90, keepLatest: 1, graceDays: 7 };
    const batch = (size: number) =>
      tenantDb(clinic.id).transaction((t) =>
        softDeleteBatch(t, NOW, config, daysAgo(NOW, 90), size),
      );
    expect(await batch(3)).toBe(3);
    expect((await attachmentStates(clinic.id)).filter((s) => s.deleted)).toHaveLength(3);
    // The rest: 3 of the 4 beyond the latest, fewer than the batch size, so phase 1 is done.
    expect(await batch(5)).toBe(3);
    expect(await batch(5)).toBe(0);
  });
});

describe('purgeBatch', () => {
  it('deletes at most 8 stored objects at once', async () => {
    await insertAttachments(
      clinic.id,
      Array.from({ length: 20 }, () => ({
        purpose: 'export' as const,
        ageDays: 30,
        deletedDaysAgo: 10,
      })),
      NOW,
    );
    const real = getStorage();
    let inFlight = 0;
    let most = 0;
    setStorage({
      ...real,
      delete: async (key) => {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 5));
        await real.delete(key);
        inFlight--;
      },
    });
    expect(await purgeBatch(tenantDb(clinic.id), NOW, daysAgo(NOW, 7), 20)).toBe(20);
    expect(most).toBe(8);
    expect(storedFiles(storage.root)).toEqual([]);
  });
});
