/**
 * One database per integration test file: a copy of the migrated template (test/global-setup.ts),
 * made the process-wide handle so that code under test uses it. `resetDatabase` empties the data
 * between tests and keeps the system data the migrations seeded.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { sql } from 'drizzle-orm';
import { connectPostgres, openPglite, setDb, type DbHandle } from '@/db/client';
import { adminUrl, runPaths, withDatabase } from './paths';

export function useTestDatabase(): { handle: () => DbHandle } {
  let handle: DbHandle | undefined;
  let dispose: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const name = `clinic_test_${randomUUID().replaceAll('-', '')}`;
    const paths = runPaths(inject('testRunId'));
    if (process.env.DATABASE_URL) {
      const admin = connectPostgres(adminUrl(), 1);
      await admin.db.execute(sql.raw(`CREATE DATABASE ${name} TEMPLATE ${paths.templateDb}`));
      handle = connectPostgres(withDatabase(process.env.DATABASE_URL, name), 5);
      dispose = async () => {
        await admin.db.execute(sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
        await admin.close();
      };
    } else {
      const dir = path.join(paths.root, name);
      fs.cpSync(paths.pgliteTemplateDir, dir, { recursive: true });
      handle = openPglite(dir);
      dispose = async () => fs.rmSync(dir, { recursive: true, force: true });
    }
    setDb(handle);
  });
  afterAll(async () => {
    setDb(undefined);
    await handle?.close();
    await dispose();
  });
  return {
    handle: () => {
      if (!handle) throw new Error('useTestDatabase: database not ready (use inside a test)');
      return handle;
    },
  };
}

/** Tables holding seeded system data, kept across resets. */
const SYSTEM_DATA = new Set(['roles', 'permissions', 'role_permissions', 'setting_definitions']);

export async function resetDatabase(handle: DbHandle): Promise<void> {
  const result = (await handle.db.execute(
    sql`select tablename from pg_tables where schemaname = 'public'`,
  )) as unknown as { rows: { tablename: string }[] };
  const tables = result.rows.map((r) => r.tablename).filter((t) => !SYSTEM_DATA.has(t));
  if (tables.length === 0) return;
  await handle.db.execute(
    sql.raw(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`),
  );
}
