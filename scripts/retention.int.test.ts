import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setClinicActive } from '@/db/control/clinics';
import { retentionRuns } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { SYSTEM_ACTOR, createFixtureClinic, type FixtureClinic } from '@/test/fixtures';
import { attachmentStates, insertAttachments, useTempStorage } from '@/test/retention-fixtures';
import { retentionCli } from './retention-cli';

const db = useTestDatabase();

let clinic: FixtureClinic;
let storage: ReturnType<typeof useTempStorage>;

beforeEach(async () => {
  await resetDatabase(db.handle());
  storage = useTempStorage();
  clinic = await createFixtureClinic('cli');
});
afterEach(() => storage.cleanup());

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await retentionCli(argv, { log: (l) => out.push(l), error: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run retention', () => {
  it('dry-runs one clinic by slug, prints the counts and changes nothing', async () => {
    await insertAttachments(
      clinic.id,
      [
        { purpose: 'export', ageDays: 100 },
        { purpose: 'export', ageDays: 20, deletedDaysAgo: 3 },
      ],
      new Date(),
    );
    const before = await attachmentStates(clinic.id);
    const r = await cli('--clinic', clinic.slug, '--dry-run', '--grace-days', '2');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('DRY RUN');
    expect(r.out).toMatch(/eligible by age:\s+1/);
    expect(r.out).toMatch(/purgeable:\s+1/);
    expect(r.out).toContain('2-day grace');
    expect(await attachmentStates(clinic.id)).toEqual(before);
  });

  it('runs for real', async () => {
    await insertAttachments(clinic.id, [{ purpose: 'report', ageDays: 100 }], new Date());
    const r = await cli('--clinic', clinic.slug, '--grace-days', '0');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/soft-deleted:\s+1/);
    expect(r.out).toMatch(/purged:\s+1/);
  });

  it('refuses an unknown or inactive slug, and bad arguments, with exit code 2', async () => {
    expect(await cli('--clinic', 'no-such-clinic')).toMatchObject({
      code: 2,
      err: expect.stringContaining('No clinic with the slug "no-such-clinic"'),
    });
    await setClinicActive(SYSTEM_ACTOR, clinic.id, false);
    expect(await cli('--clinic', clinic.slug)).toMatchObject({
      code: 2,
      err: expect.stringContaining('inactive'),
    });
    expect((await cli()).code).toBe(2);
    expect((await cli('--clinic', clinic.slug, '--grace-days', 'x')).err).toContain('--grace-days');
    expect((await cli('--clinc', clinic.slug)).code).toBe(2);
    expect(await tenantDb(clinic.id).count(retentionRuns)).toBe(0);
  });

  it('exits 3 while a run of the clinic is in progress', async () => {
    await tenantDb(clinic.id).transaction((t) =>
      t.insert(retentionRuns, { mode: 'real', status: 'running' }),
    );
    expect(await cli('--clinic', clinic.slug, '--dry-run')).toMatchObject({
      code: 3,
      err: expect.stringContaining('already in progress'),
    });
  });

  it.skipIf(Boolean(process.env.DATABASE_URL))(
    'fails clearly when another process holds the embedded database',
    () => {
      // This test process holds its PGlite directory, as `npm run dev` would hold .data/pglite.
      const handle = db.handle();
      if (handle.kind !== 'pglite') throw new Error('expected PGlite');
      const dir = (handle.pglite as unknown as { dataDir?: string }).dataDir;
      expect(dir).toBeTruthy();
      const { DATABASE_URL: _unset, ...env } = process.env;
      const result = spawnSync(
        process.execPath,
        ['--import', 'tsx', path.join('scripts', 'retention.ts'), '--clinic', clinic.slug],
        {
          env: { ...env, PGLITE_DIR: dir },
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('is in use by process');
      expect(result.stderr).toContain('npm run dev');
    },
    90_000,
  );
});
