/**
 * Migrates one template database per run; each integration test file then gets its own copy
 * (test/db.ts). Postgres when DATABASE_URL is set, else PGlite on disk under .data/test/.
 */
import fs from 'node:fs';
import { connectPostgres, openPglite } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { PGLITE_TEMPLATE_DIR, TEST_DATA_ROOT, TEMPLATE_DB, adminUrl } from './paths';

export default async function setup(): Promise<() => Promise<void>> {
  if (process.env.DATABASE_URL) {
    const admin = connectPostgres(adminUrl(), 1);
    if (admin.kind !== 'pg') throw new Error('unreachable');
    await admin.pool.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.pool.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    const template = connectPostgres(withDatabase(process.env.DATABASE_URL, TEMPLATE_DB), 1);
    await runMigrations(template);
    await template.close();
    return async () => {
      await admin.pool.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
      await admin.close();
    };
  }
  fs.rmSync(TEST_DATA_ROOT, { recursive: true, force: true });
  fs.mkdirSync(TEST_DATA_ROOT, { recursive: true });
  const template = openPglite(PGLITE_TEMPLATE_DIR);
  await runMigrations(template);
  await template.close();
  return async () => fs.rmSync(TEST_DATA_ROOT, { recursive: true, force: true });
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
