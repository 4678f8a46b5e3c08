/**
 * tenantDb on the embedded database (PGlite), whatever DATABASE_URL says. It opens its tenant
 * transaction through drizzle there, not in one round trip on a pooled client as on Postgres
 * (db/tenant.ts, runAsTenant), so the Postgres runs, the mutation run included, would otherwise
 * never take that path.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPglite, setDb, type DbHandle } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { patients, settingDefinitions, TENANT_ROLE } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { createFixtureClinic, type FixtureClinic } from '@/test/fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenant-embedded-'));
let handle: DbHandle;
let clinic: FixtureClinic;

beforeAll(async () => {
  // On disk: an in-memory PGlite cannot load the btree_gist extension the migrations create.
  handle = openPglite(path.join(dir, 'db'));
  await runMigrations(handle);
  setDb(handle);
});

// In each test, not in beforeAll: Stryker counts code that runs outside a test as covered by
// every test (a "static" mutant), and the fixture goes through tenantDb.
beforeEach(async () => {
  clinic = await createFixtureClinic('embedded');
});

afterAll(async () => {
  setDb(undefined);
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('tenantDb on PGlite', () => {
  it('runs as the tenant role with its clinic set', async () => {
    const seen = await tenantDb(clinic.id).transaction(async (t) =>
      t
        .from(settingDefinitions, {
          role: sql<string>`current_user`,
          clinic: sql<string>`current_setting('app.clinic_id')`,
        })
        .limit(1),
    );
    expect(seen).toEqual([{ role: TENANT_ROLE, clinic: clinic.id }]);
  });

  it('rolls the whole transaction back when the work throws', async () => {
    const db = tenantDb(clinic.id);
    const before = await db.count(patients);
    const failed = db.transaction(async (t) => {
      await t.delete(patients, undefined);
      throw new Error('work failed');
    });
    await expect(failed).rejects.toThrow('work failed');
    expect(await db.count(patients)).toBe(before);
    expect(before).toBeGreaterThan(0);
  });
});
