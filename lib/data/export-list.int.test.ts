import { beforeEach, describe, expect, it } from 'vitest';
import { exportJobs } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { cursorParams, cursorState, type KeysetPageInfo } from '@/lib/pagination/cursor';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { createFixtureClinic, type FixtureClinic } from '@/test/fixtures';
import { EXPORTS_PAGE_SIZE, listExports } from './exports';

const db = useTestDatabase();

let a: FixtureClinic;
let b: FixtureClinic;

/** 60 finished exports inserted in one statement: all share created_at, so only ids order them. */
async function seed(clinicId: string) {
  await tenantDb(clinicId).transaction((t) =>
    t.insert(
      exportJobs,
      Array.from({ length: 60 }, (_, i) => ({
        kind: 'appointments_csv' as const,
        params: { from: '2037-01-01', to: '2037-01-31', status: null },
        requestKey: `key-${i}`,
        status: 'failed' as const,
      })),
    ),
  );
}

beforeEach(async () => {
  await resetDatabase(db.handle());
  a = await createFixtureClinic('a');
  b = await createFixtureClinic('b');
  await seed(a.id);
  await seed(b.id);
});

const list = (clinicId: string, raw: Parameters<typeof cursorState>[0] = {}) =>
  listExports({ db: tenantDb(clinicId) }, true, cursorState(raw));
const at = (pager: KeysetPageInfo, to: 'previous' | 'next') => cursorParams(pager, to);

describe('listExports: keyset pages', () => {
  it('walks forwards and back, newest first: every export once, though all tie on the time', async () => {
    const own = await tenantDb(a.id).transaction((t) => t.from(exportJobs, { id: exportJobs.id }));
    let page = await list(a.id);
    const forwards = page.exports.map((e) => e.id);
    while (page.pager.hasNext) {
      page = await list(a.id, at(page.pager, 'next'));
      expect(page.exports.length).toBeLessThanOrEqual(EXPORTS_PAGE_SIZE);
      forwards.push(...page.exports.map((e) => e.id));
    }
    expect(page.pager.page).toBe(3);
    const backwards = page.exports.map((e) => e.id);
    while (page.pager.hasPrevious) {
      page = await list(a.id, at(page.pager, 'previous'));
      backwards.unshift(...page.exports.map((e) => e.id));
    }
    expect(new Set(forwards).size).toBe(60);
    expect([...forwards].sort()).toEqual(own.map((r) => r.id).sort());
    expect(forwards).toEqual([...forwards].sort().reverse());
    expect(backwards).toEqual(forwards);
    expect(page).toMatchObject({ total: 60, totalCapped: false });
  });

  it("shows the first page for a malformed, unknown or another clinic's cursor", async () => {
    const first = await list(a.id);
    const foreign = (await list(b.id)).exports[5]!.id;
    for (const raw of [
      { after: 'bad', page: 2 },
      { after: foreign, page: 2 },
      { before: foreign, page: 3 },
      { after: '00000000-0000-0000-0000-000000000000', page: 2 },
    ]) {
      const page = await list(a.id, raw);
      expect(page.exports.map((e) => e.id)).toEqual(first.exports.map((e) => e.id));
      expect(page.pager).toMatchObject({ page: 1, hasPrevious: false, hasNext: true });
    }
  });
});
