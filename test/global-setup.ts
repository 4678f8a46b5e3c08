/**
 * Migrates one template database per run; each integration test file then gets its own copy
 * (test/db.ts). Postgres when DATABASE_URL is set, else PGlite on disk under .data/test/<run>/.
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { connectPostgres, openPglite } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { adminUrl, runPaths, withDatabase } from './paths';
import { applyWallMode, wallMode } from './walls';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = randomBytes(6).toString('hex');
  project.provide('testRunId', runId);
  const paths = runPaths(runId);
  if (wallMode() !== 'all') console.log(`[test] WALLS=${wallMode()}: see test/walls.ts`);

  if (process.env.DATABASE_URL) {
    const admin = connectPostgres(adminUrl(), 1);
    if (admin.kind !== 'pg') throw new Error('unreachable');
    await admin.pool.query(`CREATE DATABASE ${paths.templateDb}`);
    const template = connectPostgres(withDatabase(process.env.DATABASE_URL, paths.templateDb), 1);
    try {
      await runMigrations(template);
      await applyWallMode(template);
    } finally {
      await template.close();
    }
    return async () => {
      await admin.pool.query(`DROP DATABASE IF EXISTS ${paths.templateDb} WITH (FORCE)`);
      await admin.close();
    };
  }
  fs.mkdirSync(paths.root, { recursive: true });
  const template = openPglite(paths.pgliteTemplateDir);
  try {
    await runMigrations(template);
    await applyWallMode(template);
  } finally {
    await template.close();
  }
  return async () => fs.rmSync(paths.root, { recursive: true, force: true });
}
