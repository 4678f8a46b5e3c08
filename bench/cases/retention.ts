import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tenantDb } from '@/db/tenant';
import { runRetention } from '@/lib/retention/run';
import { setStorage } from '@/lib/storage';
import { localDriver } from '@/lib/storage/local';
import { summarize } from '../measure';
import type { RatioCase } from './ratio';
import type { BenchContext } from './types';

/** Bump when the attachment rows change, so they are reseeded. */
const ATTACHMENTS_VERSION = 1;
const MARKER = 'clinic-bench attachments ';

/** The run's reference time and the overrides that make exactly the old rows eligible. */
const NOW = new Date('2026-01-01T00:00:00Z');
const RETENTION_DAYS = 365;
const KEEP_LATEST = 100_000_000;
const GRACE_DAYS = 3650;
const BATCH_SIZE = 1000;

function plan(ctx: BenchContext) {
  const s = ctx.plan.scale;
  const old = Math.max(100, Math.round(200_000 * s));
  const recent = Math.max(25, Math.round(50_000 * s));
  const others = Math.max(ctx.plan.clinics - 1, Math.round(1_000_000 * s) - old - recent);
  return { old, recent, others, total: old + recent + others };
}

/**
 * 1,000,000 export/report attachments at scale 1, set-based as the owner: the big clinic holds
 * 200,000 created before the retention cutoff and 50,000 after it; the rest spread over the
 * other clinics at any age. No stored objects exist (phase 2 is kept from purging anyway).
 */
async function seedAttachments(ctx: BenchContext): Promise<{ seeded: boolean; seconds: number }> {
  const p = plan(ctx);
  const marker = `${MARKER}${JSON.stringify({ v: ATTACHMENTS_VERSION, scale: ctx.plan.scale, rows: p.total })}`;
  const { rows } = await ctx.floorPool.query<{ c: string | null }>(
    `select obj_description('file_attachments'::regclass, 'pg_class') as c`,
  );
  if (rows[0]?.c === marker) return { seeded: false, seconds: 0 };
  console.log(`[bench]   seeding ${p.total.toLocaleString('en-US')} file attachments`);
  const started = performance.now();
  const client = await ctx.floorPool.connect();
  try {
    await client.query(`SET synchronous_commit = off`);
    await client.query(`SET session_replication_role = replica`);
    await client.query(`delete from exports`);
    await client.query(`delete from retention_runs`);
    await client.query(`truncate file_attachments cascade`);
    const big = ctx.bigClinicId;
    const h = (g: string, salt: number, mod: number) =>
      `(abs(hashtext(${g}::text || '-${salt}')) % ${mod})`;
    const insert = (from: string, clinic: string, created: string) =>
      `INSERT INTO file_attachments (id, clinic_id, entity_type, entity_id, purpose, storage_key,
         filename, content_type, size, created_at)
       SELECT id, clinic_id, entity_type, entity_id, purpose,
              'clinic_' || clinic_id || '/' || purpose || '/' || id || '/file.csv',
              'file.csv', 'text/csv', 1000 + ${h('g', 1, 100000)}, created_at
       FROM (SELECT g, md5('bench-attachment-' || g)::uuid AS id, ${clinic} AS clinic_id,
                    CASE WHEN g % 2 = 0 THEN 'patient_list' ELSE 'report' END AS entity_type,
                    (g % 50)::text AS entity_id,
                    CASE WHEN g % 2 = 0 THEN 'export' ELSE 'report' END AS purpose,
                    ${created} AS created_at
             FROM ${from}) AS rows`;
    const days = (base: string, g: string, salt: number, span: number) =>
      `timestamptz '${base}' + make_interval(secs => ${h(g, salt, span * 86400)})`;
    await client.query(
      insert(
        `generate_series(1, ${p.old}) AS g`,
        `'${big}'::uuid`,
        days('2023-01-01', 'g', 2, 700),
      ),
    );
    await client.query(
      insert(
        `generate_series(${p.old + 1}, ${p.old + p.recent}) AS g`,
        `'${big}'::uuid`,
        days('2025-01-15', 'g', 3, 340),
      ),
    );
    await client.query(
      insert(
        `generate_series(${p.old + p.recent + 1}, ${p.total}) AS g
         JOIN (SELECT row_number() OVER (ORDER BY id) - 1 AS k, id FROM clinics WHERE id <> '${big}') c
           ON c.k = g % ${ctx.plan.clinics - 1}`,
        'c.id',
        days('2023-01-01', 'g', 4, 1090),
      ),
    );
    await client.query(`SET session_replication_role = origin`);
    await client.query(`VACUUM (ANALYZE) file_attachments`);
    await client.query(`COMMENT ON TABLE file_attachments IS ${client.escapeLiteral(marker)}`);
  } finally {
    client.release();
  }
  return { seeded: true, seconds: (performance.now() - started) / 1000 };
}

async function reset(ctx: BenchContext) {
  await ctx.floorPool.query(
    `update file_attachments set deleted_at = null where clinic_id = $1 and deleted_at is not null`,
    [ctx.bigClinicId],
  );
  await ctx.floorPool.query(`delete from retention_runs where clinic_id = $1`, [ctx.bigClinicId]);
  await ctx.floorPool.query(`VACUUM (ANALYZE) file_attachments`);
}

const SET_BASED = `update file_attachments set deleted_at = $2
  where clinic_id = $1 and deleted_at is null and purpose in ('export', 'report')
    and created_at <= $2 and created_at < $3`;

export const retention: RatioCase = {
  id: 'retention',
  title: 'Retention run (runRetention) vs one set-based UPDATE',
  async run(ctx) {
    const seed = await seedAttachments(ctx);
    const p = plan(ctx);
    const cutoff = new Date(NOW.getTime() - RETENTION_DAYS * 86_400_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-retention-'));
    setStorage(localDriver(dir));
    const reps = ctx.plan.bigClinicPatients >= 100_000 ? 1 : 3;
    const domain: number[] = [];
    const setBased: number[] = [];
    let softDeleted = 0;
    let updated = 0;
    let batches = 0;
    try {
      await reset(ctx);
      const viaDomain = async () => {
        const start = performance.now();
        const result = await runRetention(
          tenantDb(ctx.bigClinicId),
          {
            dryRun: false,
            retentionDays: RETENTION_DAYS,
            keepLatest: KEEP_LATEST,
            graceDays: GRACE_DAYS,
            now: NOW,
            batchSize: BATCH_SIZE,
          },
          {
            run: (id, fn) => {
              if (id.startsWith('retention-soft-delete-')) batches++;
              return fn();
            },
          },
        );
        domain.push(performance.now() - start);
        softDeleted = result.softDeleted;
        if (result.purged !== 0) throw new Error('retention purged rows; the grace should stop it');
        await reset(ctx);
      };
      const viaSql = async () => {
        const start = performance.now();
        const r = await ctx.floorPool.query(SET_BASED, [ctx.bigClinicId, NOW, cutoff]);
        setBased.push(performance.now() - start);
        updated = r.rowCount ?? 0;
        await reset(ctx);
      };
      for (let i = 0; i < reps; i++) {
        console.log(`[bench]   retention repetition ${i + 1}/${reps}`);
        if (i % 2 === 0) {
          await viaSql();
          await viaDomain();
        } else {
          await viaDomain();
          await viaSql();
        }
      }
    } finally {
      setStorage(undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    if (softDeleted !== p.old || updated !== p.old) {
      throw new Error(
        `retention soft-deleted ${softDeleted}, the UPDATE ${updated}; expected ${p.old} each`,
      );
    }
    const n = (x: number) => x.toLocaleString('en-US');
    return {
      title: this.title,
      subjectName: 'runRetention',
      baselineName: 'set-based UPDATE',
      description:
        `${n(p.total)} export/report attachments (${seed.seeded ? `seeded by this run in ${seed.seconds.toFixed(1)} s` : 'reused from an earlier run, marker matched'}); ` +
        `the big clinic holds ${n(p.old)} created before the retention cutoff and ${n(p.recent)} ` +
        'after it, the rest are spread over the other clinics. `runRetention(tenantDb(bigClinic), ' +
        `{ retentionDays: ${RETENTION_DAYS}, keepLatest: ${n(KEEP_LATEST)}, graceDays: ${GRACE_DAYS}, ` +
        `batchSize: ${BATCH_SIZE}, now }, immediate steps)\`: the whole run (start, plan, phase 1 ` +
        'in batches, phase 2, finish); the grace period keeps phase 2 from purging anything, so ' +
        'it is one empty query: in effect phase 1. Against one `UPDATE file_attachments SET ' +
        'deleted_at = now WHERE clinic_id = … AND deleted_at IS NULL AND purpose IN (…) AND ' +
        'created_at < cutoff` as the owner. Both soft-delete the same rows (counts checked); ' +
        'between runs deleted_at is reset and the table vacuumed (untimed). ' +
        `${reps} repetition${reps > 1 ? 's' : ''} per side, alternating which goes first.`,
      rows: [
        {
          label: `${n(p.old)} eligible of ${n(p.old + p.recent)} in the big clinic`,
          subject: summarize(domain),
          baseline: summarize(setBased),
          note: `${batches / reps} phase-1 batches of ${BATCH_SIZE} per run`,
        },
      ],
      findings: [
        `With the default batch size (200) one run stops after 400 batches, i.e. 80,000 rows: ` +
          (p.old > 80_000
            ? `${n(p.old - 80_000)} of the ${n(p.old)} eligible rows would wait for the next night's run. `
            : 'enough for this scale. ') +
          `The bench uses batches of ${BATCH_SIZE} so that one run does the whole phase.`,
      ],
    };
  },
};
