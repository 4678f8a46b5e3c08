import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { canonicalPatientsParams, requestKeyOf } from '@/lib/exports/params';
import { summarize } from '../measure';
import { ensureMillionClinic } from '../seed';
import type { RatioCase, RatioRow } from './ratio';
import type { BenchContext } from './types';

interface ChildResult {
  ms: number;
  rows: number;
  bytes: number;
  rssBeforeKb: number;
  maxRssKb: number;
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${cmd} exited ${code}: ${err.slice(-2000)}`)),
    );
  });
}

/** One export of `clinicId` through produceExport in a child process (storage: a temp dir). */
async function exportOnce(ctx: BenchContext, clinicId: string): Promise<ChildResult> {
  const exportId = randomUUID();
  const attachmentId = randomUUID();
  const params = canonicalPatientsParams({});
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-export-'));
  await ctx.floorPool.query(
    `insert into exports (id, clinic_id, kind, params, request_key, status, started_at)
     values ($1, $2, 'patients_csv', $3, $4, 'running', now())`,
    [
      exportId,
      clinicId,
      JSON.stringify(params),
      requestKeyOf({ kind: 'patients_csv', params }) + ':' + exportId,
    ],
  );
  try {
    const out = await run(process.execPath, [
      '--import',
      'tsx',
      'bench/export-child.ts',
      ctx.url,
      clinicId,
      exportId,
      attachmentId,
      dir,
    ]);
    return JSON.parse(out.trim().split('\n').at(-1) as string) as ChildResult;
  } finally {
    await ctx.floorPool.query(`delete from exports where id = $1`, [exportId]);
    await ctx.floorPool.query(`delete from file_attachments where id = $1`, [attachmentId]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The same rows and columns, in the export's order, with psql's \copy to a file. */
async function psqlCopy(
  ctx: BenchContext,
  clinicId: string,
): Promise<{ ms: number; bytes: number }> {
  const file = path.join(os.tmpdir(), `bench-copy-${randomUUID()}.csv`);
  const query =
    `select mrn, family_name, given_name, date_of_birth, sex, phone, email, address_line, city, ` +
    `postal_code, created_at from patients where clinic_id = '${clinicId}' ` +
    `order by family_name_key collate "C", given_name_key collate "C", id`;
  const start = performance.now();
  await run('psql', [ctx.url, '-X', '-q', '-c', `\\copy (${query}) to '${file}' with csv header`]);
  const ms = performance.now() - start;
  const bytes = fs.statSync(file).size;
  fs.rmSync(file, { force: true });
  return { ms, bytes };
}

const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

export const csvExport: RatioCase = {
  id: 'csv-export',
  title: 'Patients CSV export (produceExport) vs psql \\copy',
  async run(ctx) {
    const small = await ctx.floorPool.query<{ clinic_id: string; n: number }>(
      `select clinic_id, count(*)::int as n from patients where clinic_id <> $1
       group by clinic_id order by abs(count(*) - 1000), clinic_id limit 1`,
      [ctx.bigClinicId],
    );
    const smallClinic = small.rows[0] as { clinic_id: string; n: number };
    const million = await ensureMillionClinic(ctx.url, ctx.plan);
    const rows: RatioRow[] = [];
    const children: Record<string, ChildResult[]> = { big: [], small: [], million: [] };
    for (const [key, clinicId, count] of [
      ['big', ctx.bigClinicId, ctx.plan.bigClinicPatients],
      ['small', smallClinic.clinic_id, smallClinic.n],
      ['million', million.id, million.patients],
    ] as const) {
      // Fewer repetitions of the long exports: the run must stay within the bench's time.
      const reps = count >= 500_000 ? 1 : count >= 100_000 ? 2 : 3;
      const subject: number[] = [];
      const baseline: number[] = [];
      let copyBytes = 0;
      for (let i = 0; i < reps; i++) {
        console.log(`[bench]   export ${count} patients, repetition ${i + 1}/${reps}`);
        // Alternate which side goes first, as the interleaved cases do.
        const pair = async () => {
          const c = await exportOnce(ctx, clinicId);
          children[key]?.push(c);
          subject.push(c.ms);
        };
        const copy = async () => {
          const c = await psqlCopy(ctx, clinicId);
          copyBytes = c.bytes;
          baseline.push(c.ms);
        };
        if (i % 2 === 0) {
          await pair();
          await copy();
        } else {
          await copy();
          await pair();
        }
      }
      const last = children[key]?.at(-1) as ChildResult;
      if (last.rows !== count) throw new Error(`export wrote ${last.rows} rows, expected ${count}`);
      rows.push({
        label: `${count.toLocaleString('en-US')} patients`,
        subject: summarize(subject),
        baseline: summarize(baseline),
        note:
          `export ${(last.bytes / 2 ** 20).toFixed(1)} MB, \\copy ${(copyBytes / 2 ** 20).toFixed(1)} MB; ` +
          `export child peak RSS ${mb(Math.max(...(children[key] ?? []).map((c) => c.maxRssKb)))}`,
      });
    }
    const peak = (key: string) => Math.max(...(children[key] ?? []).map((c) => c.maxRssKb));
    const growth = (key: string) =>
      Math.max(...(children[key] ?? []).map((c) => c.maxRssKb - c.rssBeforeKb));
    const big = ctx.plan.bigClinicPatients.toLocaleString('en-US');
    const smallN = smallClinic.n.toLocaleString('en-US');
    const millionN = million.patients.toLocaleString('en-US');
    return {
      title: this.title,
      subjectName: 'produceExport',
      baselineName: 'psql \\copy',
      description:
        '`produceExport(tenantDb(clinic), …)` for a `patients_csv` export with default params ' +
        '(the count, then `COPY (select <the cells, formatted in SQL>) TO STDOUT (FORMAT csv, ' +
        'HEADER)` in one read-only tenant transaction, its bytes through `crlfRecords` (CRLF ' +
        'record ends, progress every 1,000 rows) and `storeAttachment` streaming to ' +
        '`localDriver` in a temp dir), each run in a fresh child process (`node --import tsx ' +
        'bench/export-child.ts`), timed inside the child around the call; against `psql ' +
        '\\copy (select <the same 11 columns> from patients where clinic_id = … order by ' +
        'family_name_key, given_name_key, id) to <file> with csv header`, timed around the psql ' +
        'process (connection and process start included). Three clinics: the big one, the ' +
        'one nearest 1,000 patients, and the million clinic (a copy of every patient of the ' +
        `bench in one clinic, ${millionN} here; bench/seed.ts ensureMillionClinic). 3, 2 or 1 ` +
        'repetitions per side (under 100,000 rows, under 500,000, above), alternating which ' +
        'goes first; the table shows medians (p95 is the slower repetition).',
      rows,
      goals: [
        {
          measure: `Patients CSV of ${big} ÷ \`psql \\copy\` (p50)`,
          before: '6.4',
          value: (rows[0] as RatioRow).subject.median / (rows[0] as RatioRow).baseline.median,
          goal: 2,
        },
        {
          measure: `Export memory growth, largest of ${millionN} / ${big} / ${smallN} patients`,
          before: '97 MB vs 17 MB',
          value: Math.max(growth('million'), growth('big'), growth('small')) / 1024,
          goal: 50,
          unit: ' MB',
        },
      ],
      findings: [
        `Peak RSS of the export child: ${mb(peak('million'))} for ${millionN} patients, ` +
          `${mb(peak('big'))} for ${big}, ${mb(peak('small'))} for ${smallN}; growth during the ` +
          `export itself (peak minus RSS just before the call): ${mb(growth('million'))}, ` +
          `${mb(growth('big'))} and ${mb(growth('small'))} (goal: at most 50 MB, flat in size).`,
      ],
    };
  },
};
