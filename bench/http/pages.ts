/**
 * Pages per second (issue 12 §4): `next start` of the production build (`npm run build` first)
 * on the bench database, driven by autocannon at 50 connections, signed in as a member of the big
 * clinic. Each page's requests/s is divided by that of `/api/health` (one database round trip, no
 * session) measured right before it, so both see the same machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import type { RatioCase } from '../cases/ratio';
import type { BenchContext } from '../cases/types';
import { allowServerOnly } from '../server-only';
import { describeProfile, profileRequest } from './profile';

const CONNECTIONS = 50;
const WARMUP_SECONDS = 3;
const SECONDS = 10;
const EMAIL = 'bench.desk@bench.test';
const PASSWORD = 'bench-desk-password-1';

interface Rate {
  rps: number;
  p50: number;
  p97: number;
}

/** A member of the big clinic (created once per bench database), for the signed-in pages. */
async function ensureBenchUser(ctx: BenchContext): Promise<void> {
  allowServerOnly();
  const { hashPassword } = await import('@/lib/auth/password');
  const { rows } = await ctx.floorPool.query<{ id: string }>(
    `insert into users (email, name, password_hash) values ($1, 'Bench Desk', $2)
     on conflict (lower(email)) do update set password_hash = excluded.password_hash,
       failed_login_count = 0, locked_until = null
     returning id`,
    [EMAIL, await hashPassword(PASSWORD)],
  );
  await ctx.floorPool.query(
    `insert into clinic_memberships (clinic_id, user_id, role_id) values ($1, $2, 'receptionist')
     on conflict on constraint clinic_memberships_user_clinic_key do nothing`,
    [ctx.bigClinicId, rows[0]!.id],
  );
}

async function startServer(
  ctx: BenchContext,
  port: number,
  traceFile: string,
): Promise<ChildProcess> {
  if (!fs.existsSync('.next/BUILD_ID')) {
    throw new Error('the http case serves the production build: run `npm run build` first');
  }
  const origin = `http://127.0.0.1:${port}`;
  const server = spawn('node_modules/.bin/next', ['start', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: ctx.url,
      AUTH_SECRET: randomBytes(33).toString('base64'),
      AUTH_URL: origin,
      // One process, no Inngest, no mail sent by these pages (lib/env.ts wants them declared).
      JOBS_DRIVER: 'inline',
      SMTP_URL: 'smtp://127.0.0.1:9',
      MAIL_FROM: 'Bench <bench@bench.test>',
      STORAGE_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'bench-http-')),
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_OPTIONS: `--require ${path.resolve('bench/http/trace-pg.cjs')}`,
      BENCH_PG_TRACE: traceFile,
    },
  });
  let stderr = '';
  server.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  for (let waited = 0; waited < 60_000; waited += 250) {
    if (server.exitCode !== null) throw new Error(`next start exited: ${stderr}`);
    const ok = await fetch(`${origin}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return server;
    await new Promise((r) => setTimeout(r, 250));
  }
  server.kill();
  throw new Error(`next start did not answer /api/health within 60 s: ${stderr}`);
}

/** A credentials sign-in as next-auth expects it (CSRF cookie and token): the session cookie. */
async function signIn(origin: string): Promise<string> {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const pairs = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const res = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { cookie: pairs(csrf).join('; ') },
    body: new URLSearchParams({ email: EMAIL, password: PASSWORD, csrfToken, callbackUrl: '/' }),
    redirect: 'manual',
  });
  const session = pairs(res).filter((c) => /^authjs\.session-token(\.\d+)?=./.test(c));
  if (session.length === 0) throw new Error(`sign-in failed: ${res.headers.get('location')}`);
  return session.join('; ');
}

async function load(url: string, cookie: string, seconds: number): Promise<Rate> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { cookie },
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) {
    throw new Error(
      `${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return { rps: result.requests.average, p50: result.latency.p50, p97: result.latency.p97_5 };
}

export const httpPages: RatioCase = {
  id: 'http',
  title: 'Pages per second (next start, autocannon)',
  async run(ctx) {
    await ensureBenchUser(ctx);
    const port = 3900 + Math.floor(ctx.random() * 90);
    const origin = `http://127.0.0.1:${port}`;
    const traceFile = path.join(os.tmpdir(), `bench-pg-trace-${port}.jsonl`);
    const server = await startServer(ctx, port, traceFile);
    try {
      const cookie = await signIn(origin);
      // The bench seeds ids as 128 random bits; the record route takes RFC 4122 ids only.
      const { rows: picked } = await ctx.floorPool.query<{ id: string }>(
        `select id from patients where clinic_id = $1
           and id::text ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab]' limit 1`,
        [ctx.bigClinicId],
      );
      const patientId = picked[0]!.id;
      const profiles = [];
      for (const [label, page] of [
        ['`/patients`', '/patients'],
        ['The patient record', `/patients/${patientId}`],
      ] as const) {
        await load(`${origin}${page}`, cookie, WARMUP_SECONDS);
        profiles.push(
          describeProfile(label, await profileRequest(`${origin}${page}`, cookie, traceFile)),
        );
      }
      const pages: [string, string][] = [
        ['/patients (list, page 1)', '/patients'],
        ['patient record', `/patients/${patientId}`],
        ["search route 'gar'", '/api/patients/search?q=gar'],
      ];
      const health = `${origin}/api/health`;
      const rows = [];
      for (const [label, page] of pages) {
        // Warm both (compiled routes, pools, caches), then the baseline right before the page.
        await load(health, '', WARMUP_SECONDS);
        await load(`${origin}${page}`, cookie, WARMUP_SECONDS);
        const base = await load(health, '', SECONDS);
        const subject = await load(`${origin}${page}`, cookie, SECONDS);
        console.log(
          `[bench]   ${label}: ${subject.rps.toFixed(1)} req/s vs /api/health ${base.rps.toFixed(1)} req/s`,
        );
        rows.push({ label, subject, base, ratio: subject.rps / base.rps });
      }
      const list = rows[0]!;
      const f = (x: number) => x.toFixed(1);
      return {
        title: 'Pages per second (next start, autocannon)',
        subjectName: 'page',
        baselineName: '/api/health',
        description:
          `\`next start\` of the production build on the bench database (\`NODE_ENV=production\`, ` +
          `one process), signed in as a receptionist of the big clinic; autocannon with ` +
          `${CONNECTIONS} connections for ${SECONDS} s per side after ${WARMUP_SECONDS} s of warmup ` +
          'each, the baseline (`/api/health`: no session, one database round trip) measured right ' +
          'before each page. Ratio = page requests/s ÷ `/api/health` requests/s (higher is better).',
        rows: [],
        table: {
          columns: [
            'Page',
            'page req/s',
            'page latency p50 / p97.5',
            '/api/health req/s',
            'ratio req/s',
          ],
          rows: rows.map((r) => [
            r.label,
            f(r.subject.rps),
            `${r.subject.p50} ms / ${r.subject.p97} ms`,
            f(r.base.rps),
            `**${r.ratio.toFixed(2)}**`,
          ]),
        },
        goals: [
          {
            measure: '`/patients` requests/s ÷ `/api/health` requests/s, 50 connections',
            before: '0.12',
            value: list.ratio,
            goal: 0.5,
            higherIsBetter: true,
          },
        ],
        findings: [
          'Each request profiled alone, after warmup (the median of 5; bench/http/profile.ts, the ' +
            'queries traced by bench/http/trace-pg.cjs in the server process):',
          ...profiles,
        ],
      };
    } finally {
      server.kill();
    }
  },
};
