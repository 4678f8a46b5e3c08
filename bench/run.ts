/**
 * `npm run bench`: tenantDb (walls on) against plain pg (the floor) on a seeded database of its
 * own. See bench/options.ts for flags and docs/benchmarks.md for the latest results.
 */
import os from 'node:os';
import pg from 'pg';
import { connectPostgres, setDb } from '@/db/client';
import { CASES, RATIO_CASES } from './cases';
import type { RatioSection } from './cases/ratio';
import type { BenchContext } from './cases/types';
import { adminTarget, prepareDatabase, type AdminTarget } from './database';
import { runBreakdown } from './breakdown';
import { findByIdPlans } from './plans';
import { measureInterleaved, rng } from './measure';
import { parseOptions } from './options';
import { writeReport, type CaseResult, type RunInfo } from './report';
import { setupPriority } from './priority';
import { BIG_CLINIC_SLUG } from './seed';

const SAMPLE_IDS = 5000;

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

async function checkPrivileges(admin: AdminTarget): Promise<string> {
  const client = new pg.Client({ connectionString: admin.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ user: string; super: boolean; bypass: boolean }>(
      `select current_user as user, rolsuper as super, rolbypassrls as bypass
       from pg_roles where rolname = current_user`,
    );
    const me = rows[0];
    if (!me?.super) {
      throw new Error(
        `The bench connects as "${me?.user}", which is not a superuser. It needs one: it creates ` +
          'a database, CHECKPOINTs, and the floor reads past FORCE ROW LEVEL SECURITY.',
      );
    }
    const version = await client.query<{ v: string }>(
      `select current_setting('server_version') as v`,
    );
    return version.rows[0]?.v ?? 'unknown';
  } finally {
    await client.end();
  }
}

/**
 * Records the SQL text tenantDb's pool clients are asked to run while `capture` is on, so the
 * run can prove the floor sends byte-identical SQL. The patch is removed before timing.
 */
function captureQueries(pool: pg.Pool) {
  const patched = new Set<pg.PoolClient>();
  const texts: string[] = [];
  const onAcquire = (client: pg.PoolClient) => {
    if (patched.has(client)) return;
    patched.add(client);
    const original = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (
      ...args: unknown[]
    ) => {
      const first = args[0];
      texts.push(typeof first === 'string' ? first : String((first as { text?: string }).text));
      return original(...args);
    };
  };
  pool.on('acquire', onAcquire);
  return {
    texts,
    stop() {
      pool.off('acquire', onAcquire);
      for (const client of patched) delete (client as unknown as { query?: unknown }).query;
    },
  };
}

async function main() {
  const started = performance.now();
  const options = parseOptions(process.argv.slice(2));
  const admin = adminTarget();
  if (admin.source === 'default') {
    console.log(`[bench] DATABASE_URL is not set; using the default admin connection ${admin.url}`);
  } else {
    console.log(`[bench] admin connection from DATABASE_URL: ${redact(admin.url)}`);
  }
  const serverVersion = await checkPrivileges(admin);

  const db = await prepareDatabase(admin, options.database, options.scale, options.fresh);
  if (!db.seeded) {
    console.log(
      `[bench] reusing database ${options.database} (scale ${db.marker.scale}, seeded ` +
        `${db.marker.seededAt} in ${db.marker.seedSeconds} s; --fresh reseeds)`,
    );
  }
  const afterSeed = performance.now();
  const loadBefore = os.loadavg()[0] ?? 0;

  const priority = setupPriority(options.nice, db.url);
  const handle = connectPostgres(db.url, options.poolSize);
  if (handle.kind !== 'pg') throw new Error('unreachable');
  priority.boost(handle.pool);
  setDb(handle);
  const floorPool = new pg.Pool({ connectionString: db.url, max: options.poolSize });
  priority.boost(floorPool);
  floorPool.on('error', (err) => console.error('[bench] idle client error:', err.message));

  const results: CaseResult[] = [];
  const sections: RatioSection[] = [];
  let settings: Record<string, string> = {};
  try {
    const big = await floorPool.query<{ id: string }>(`select id from clinics where slug = $1`, [
      BIG_CLINIC_SLUG,
    ]);
    const bigClinicId = big.rows[0]?.id;
    if (!bigClinicId) throw new Error('the big clinic is missing; rerun with --fresh');
    const sample = await floorPool.query<{ id: string }>(
      `select id from patients where clinic_id = $1 order by md5(id::text) limit ${SAMPLE_IDS}`,
      [bigClinicId],
    );
    // Bring the big clinic's heap and name index into cache, so neither side pays first reads.
    await floorPool.query(
      `select count(*), sum(length(email)) from patients where clinic_id = $1`,
      [bigClinicId],
    );
    await floorPool.query(
      `select count(*) from (select family_name from patients where clinic_id = $1
         order by family_name, given_name, id) s`,
      [bigClinicId],
    );
    const s = await floorPool.query<{ name: string; setting: string; unit: string | null }>(
      `select name, setting, unit from pg_settings where name in
         ('shared_buffers', 'work_mem', 'jit', 'max_connections', 'random_page_cost', 'effective_cache_size')`,
    );
    settings = Object.fromEntries(
      s.rows.map((r) => [r.name, r.unit ? `${r.setting} × ${r.unit}` : r.setting]),
    );

    const ctx: BenchContext = {
      options,
      plan: db.plan,
      url: db.url,
      tenantPool: handle.pool,
      floorPool,
      bigClinicId,
      sampleIds: sample.rows.map((r) => r.id),
      random: rng(options.seed),
      boost: priority.boost,
    };

    const selected = options.cases ? CASES.filter((c) => options.cases?.includes(c.id)) : CASES;
    const selectedRatio = options.cases
      ? RATIO_CASES.filter((c) => options.cases?.includes(c.id))
      : RATIO_CASES;
    if (selected.length === 0 && selectedRatio.length === 0)
      throw new Error(`no case matches --cases=${options.cases?.join(',')}`);

    for (const benchCase of selected) {
      console.log(`[bench] ${benchCase.id}: preparing`);
      const total = options.warmup + options.iterations;
      const prepared = await benchCase.prepare(ctx, total);

      // Both sides must return the same, non-empty rows, and tenantDb must send the floor's SQL.
      const capture = captureQueries(handle.pool);
      const checks = Math.min(total, 20);
      for (let i = 0; i < checks; i++) {
        const walls = prepared.ids(await prepared.wallsOn(i));
        const floor = prepared.ids(await floorPool.query(prepared.query(i)));
        if (floor.length === 0) throw new Error(`${benchCase.id}: the floor returned no rows`);
        if (JSON.stringify(walls) !== JSON.stringify(floor)) {
          throw new Error(`${benchCase.id}: tenantDb and the floor disagree on iteration ${i}`);
        }
        const sent = prepared.query(i).text;
        if (!capture.texts.includes(sent)) {
          capture.stop();
          throw new Error(
            `${benchCase.id}: tenantDb did not send the floor's SQL.\n  floor: ${sent}\n  ` +
              `tenantDb sent: ${capture.texts.join('\n    ')}`,
          );
        }
        capture.texts.length = 0;
      }
      capture.stop();

      console.log(
        `[bench] ${benchCase.id}: measuring ${options.iterations} iterations (+${options.warmup} warmup), interleaved`,
      );
      const [wallsOn, floor] = await measureInterleaved(
        [
          { key: 'walls-on', name: 'walls on', run: (i) => prepared.wallsOn(i) },
          { key: 'floor', name: 'floor', run: (i) => floorPool.query(prepared.query(i)) },
        ],
        { warmup: options.warmup, iterations: options.iterations },
      );
      if (!wallsOn || !floor) throw new Error('unreachable');
      const ratio = wallsOn.total.median / floor.total.median;
      console.log(
        `[bench] ${benchCase.id}: walls on ${wallsOn.total.median.toFixed(3)} ms, floor ` +
          `${floor.total.median.toFixed(3)} ms, ratio ${ratio.toFixed(2)} (goal ≤ ${benchCase.goal})`,
      );

      let breakdown;
      if (options.breakdown) {
        const n = Math.min(options.iterations, 1000);
        console.log(`[bench] ${benchCase.id}: breakdown and prototypes, ${n} iterations each`);
        breakdown = await runBreakdown(ctx, prepared, n, Math.min(options.warmup, 200));
        for (const v of breakdown.variants) {
          console.log(
            `[bench]   ${v.total.median.toFixed(3)} ms  ${v.name}` +
              (v.phases.length
                ? `  [${v.phases.map((p) => `${p.phase} ${p.median.toFixed(3)}`).join(', ')}]`
                : ''),
          );
        }
      }
      results.push({
        benchCase,
        description: benchCase.describe(ctx),
        sql: prepared.query(0).text,
        wallsOn: wallsOn.total,
        floor: floor.total,
        ratio,
        breakdown,
      });
    }

    if (selected.some((c) => c.id === 'point-lookup')) sections.push(await findByIdPlans(ctx));

    for (const ratioCase of selectedRatio) {
      console.log(`[bench] ${ratioCase.id}: measuring`);
      const section = await ratioCase.run(ctx);
      for (const row of section.rows) {
        console.log(
          `[bench]   ${row.label}: ${section.subjectName} p50 ${row.subject.median.toFixed(3)} ms ` +
            `p95 ${row.subject.p95.toFixed(3)} ms; ${section.baselineName} p50 ` +
            `${row.baseline.median.toFixed(3)} ms; ratio p50 ` +
            `${(row.subject.median / row.baseline.median).toFixed(2)}, p95 ` +
            `${(row.subject.p95 / row.baseline.p95).toFixed(2)}` +
            (row.note ? ` (${row.note})` : ''),
        );
      }
      for (const f of section.findings) console.log(`[bench]   ${f}`);
      sections.push(section);
    }
  } finally {
    setDb(undefined);
    await handle.close();
    await floorPool.end();
  }

  const finished = performance.now();
  const info: RunInfo = {
    date: new Date(),
    options,
    admin: { source: admin.source, url: redact(admin.url) },
    plan: db.plan,
    marker: db.marker,
    seeded: db.seeded,
    prepareSeconds: (afterSeed - started) / 1000,
    measureSeconds: (finished - afterSeed) / 1000,
    totalSeconds: (finished - started) / 1000,
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      postgres: serverVersion,
      settings,
      load: [loadBefore, os.loadavg()[0] ?? 0],
      niced: priority.enabled,
    },
  };
  const path = writeReport(info, results, sections);
  console.log(
    `[bench] wrote ${path}; total ${info.totalSeconds.toFixed(0)} s ` +
      `(database ${info.prepareSeconds.toFixed(0)} s, measuring ${info.measureSeconds.toFixed(0)} s)`,
  );
}

main().catch((err: unknown) => {
  console.error('[bench] failed:', err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
