/**
 * One patients CSV export through the real export code, in a process of its own so its peak RSS
 * is the export's: `tsx bench/export-child.ts <db url> <clinic id> <export id> <attachment id>
 * <storage dir>`. The export row must exist (status running). Prints one JSON line:
 * { ms, rows, bytes, rssBeforeKb, maxRssKb }.
 */
import fs from 'node:fs';
import path from 'node:path';
import { allowServerOnly } from './server-only';

function sizeOf(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

async function main() {
  const [url, clinicId, exportId, attachmentId, dir] = process.argv.slice(2);
  if (!url || !clinicId || !exportId || !attachmentId || !dir) throw new Error('missing arguments');
  allowServerOnly();
  const { connectPostgres, setDb } = await import('@/db/client');
  const { tenantDb } = await import('@/db/tenant');
  const { produceExport } = await import('@/lib/exports/run');
  const { canonicalPatientsParams } = await import('@/lib/exports/params');
  const { setStorage } = await import('@/lib/storage');
  const { localDriver } = await import('@/lib/storage/local');
  const handle = connectPostgres(url, 2);
  setDb(handle);
  setStorage(localDriver(dir));
  try {
    const db = tenantDb(clinicId);
    const rssBeforeKb = Math.round(process.memoryUsage().rss / 1024);
    const start = performance.now();
    const produced = await produceExport(
      db,
      { id: clinicId, name: 'Bench', timezone: 'UTC', timeFormat: '24h' },
      {
        exportId,
        kind: 'patients_csv',
        params: canonicalPatientsParams({}),
        requestedBy: null,
        attachmentId,
      },
    );
    const ms = performance.now() - start;
    const maxRssKb = process.resourceUsage().maxRSS;
    console.log(
      JSON.stringify({ ms, rows: produced.rowCount, bytes: sizeOf(dir), rssBeforeKb, maxRssKb }),
    );
  } finally {
    setStorage(undefined);
    setDb(undefined);
    await handle.close();
  }
}

main().catch((err: unknown) => {
  console.error('[export-child] failed:', err);
  process.exitCode = 1;
});
