/**
 * Where a tenantDb call spends its time, and what each step of issue 12 bought.
 *
 * - A hand-built copy of the tenant transaction before issue 12, with a mark after every step:
 *   pool.connect, BEGIN + set_config (one round trip), the drizzle query, COMMIT, release.
 * - The same with the query sent through plain pg (drizzle's share = the difference).
 * - Server-side planning + execution from EXPLAIN ANALYZE, floor vs tenant role under RLS.
 * - Each step rebuilt on its own (P1-P4 are adopted in db/tenant-pg.ts and
 *   db/tenant-statements.ts; P5 and P6 were not): P1 reads return before COMMIT; P2 P1 + node-postgres pipeline mode (BEGIN and the query in
 *   one round trip); P3 P2 + the SQL built once per query shape; P4 P3 with a named server-side
 *   statement; P5 a role-pinned pool with a per-connection clinic cache; P6 one simple-protocol
 *   message with the parameters inlined.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Database } from '@/db/client';
import { TENANT_ROLE } from '@/db/schema';
import { TenantScope } from '@/db/tenant';
import { measureInterleaved, summarize, type Variant, type VariantResult } from './measure';
import type { BenchContext, PlainQuery, PreparedCase } from './cases/types';

export interface ServerSide {
  floor: { planning: number; execution: number; plan: string };
  wallsOn: { planning: number; execution: number; plan: string };
}

export interface Breakdown {
  iterations: number;
  variants: VariantResult[];
  server: ServerSide;
  /** Median time for drizzle to build the query (builder + toSQL), no I/O. */
  buildMs: number;
}

const beginSql = (clinicId: string) =>
  `BEGIN; SELECT set_config('role', '${TENANT_ROLE}', true), set_config('app.clinic_id', '${clinicId}', true)`;

const statementName = (text: string) =>
  `bench_floor_${createHash('sha1').update(text).digest('hex').slice(0, 12)}`;

/** Splices parameters in as escaped literals (prototype P6 only: simple protocol has no $n). */
function inline(q: PlainQuery): string {
  return q.text.replace(/\$(\d+)/g, (_, n: string) => {
    const v = q.values[Number(n) - 1];
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (typeof v === 'string') return pg.escapeLiteral(v);
    throw new Error(`cannot inline parameter of type ${typeof v}`);
  });
}

export async function runBreakdown(
  ctx: BenchContext,
  prepared: PreparedCase,
  iterations: number,
  warmup: number,
): Promise<Breakdown> {
  const clinicId = ctx.bigClinicId;
  const drizzleFor = new WeakMap<pg.PoolClient, Database>();
  const dz = (client: pg.PoolClient) => {
    let db = drizzleFor.get(client);
    if (!db) drizzleFor.set(client, (db = drizzle(client) as Database));
    return db;
  };

  // P5's pool: every connection is the tenant role from its start-up packet (no SET per request),
  // and app.clinic_id is a session setting, re-set only when the connection last served another
  // clinic. A separate pool, so this session state can never reach control-plane work.
  const pinned = new pg.Pool({
    connectionString: ctx.url,
    max: ctx.options.poolSize,
    options: `-c role=${TENANT_ROLE}`,
  });
  ctx.boost(pinned);
  const pinnedClinic = new WeakMap<pg.PoolClient, string>();
  // P2-P4's pool: node-postgres pipeline mode writes a query without waiting for the previous
  // one's reply, so BEGIN + set_config and the query share one round trip.
  const piped = new pg.Pool({
    connectionString: ctx.url,
    max: ctx.options.poolSize,
    pipeline: true,
  });
  ctx.boost(piped);
  const statements = new WeakMap<pg.PoolClient, Map<boolean, (i: number) => Promise<unknown>>>();
  const statementOn = (client: pg.PoolClient, keepName: boolean) => {
    let byKind = statements.get(client);
    if (!byKind) statements.set(client, (byKind = new Map()));
    let run = byKind.get(keepName);
    if (!run) byKind.set(keepName, (run = prepared.statement(dz(client), clinicId, keepName)));
    return run;
  };

  let pending: Promise<void> | undefined;
  const settle = async () => {
    await pending;
    pending = undefined;
  };
  /** COMMIT after the caller has its rows; the connection goes back to the pool once it is done. */
  const commitInBackground = (client: pg.PoolClient) => {
    pending = client.query('COMMIT').then(
      () => client.release(),
      (err: Error) => client.release(err),
    );
  };
  /**
   * P2-P4: BEGIN READ ONLY + set_config is written first and the query right behind it; the rows
   * are handed out only once BEGIN is known to have succeeded (if it failed, the query ran in an
   * aborted transaction and failed too). COMMIT runs after the caller has the rows.
   */
  const pipelinedRead = async (
    query: (client: pg.PoolClient) => Promise<unknown>,
    mark: (phase: string) => void,
  ) => {
    const client = await piped.connect();
    mark('pool.connect');
    const begin = client.query(beginSql(clinicId).replace('BEGIN;', 'BEGIN READ ONLY;'));
    begin.catch(() => {}); // observed below; avoids an unhandled-rejection warning meanwhile
    let result: unknown;
    try {
      result = await query(client);
      await begin;
    } catch (err) {
      await begin.catch(() => {});
      await client.query('ROLLBACK').then(
        () => client.release(),
        (rollbackErr: Error) => client.release(rollbackErr),
      );
      throw err;
    }
    mark('BEGIN + set_config ∥ query');
    commitInBackground(client);
    return result;
  };

  /** The tenant transaction as db/tenant.ts runs it, or with `work` replaced. */
  const replica = async (
    mark: (phase: string) => void,
    query: (client: pg.PoolClient) => Promise<unknown>,
    label: string,
  ) => {
    const client = await ctx.tenantPool.connect();
    mark('pool.connect');
    try {
      await client.query(beginSql(clinicId));
      mark('BEGIN + set_config');
      const result = await query(client);
      mark(label);
      await client.query('COMMIT');
      mark('COMMIT');
      return result;
    } finally {
      client.release();
      mark('release');
    }
  };
  const viaDrizzle = (i: number) => (client: pg.PoolClient) =>
    prepared.work(i)(new TenantScope(dz(client), clinicId));

  const variants: Variant[] = [
    {
      key: 'floor',
      name: 'floor: plain pg, no RLS, no transaction',
      async run(i, mark) {
        const client = await ctx.floorPool.connect();
        mark('pool.connect');
        try {
          await client.query(prepared.query(i));
          mark('query');
        } finally {
          client.release();
          mark('release');
        }
      },
    },
    {
      key: 'ping',
      name: 'reference: `SELECT 1` through the floor pool (one bare statement)',
      run: () => ctx.floorPool.query('SELECT 1'),
    },
    {
      key: 'tenantdb',
      name: 'tenantDb (db/tenant.ts as is)',
      run: (i) => prepared.wallsOn(i),
    },
    {
      key: 'replica',
      name: 'the tenant transaction before issue 12 (BEGIN awaited, query, COMMIT awaited), phase by phase',
      run: (i, mark) => replica(mark, viaDrizzle(i), 'query (drizzle)'),
    },
    {
      key: 'replica-plain',
      name: 'the same, query through plain pg (no drizzle)',
      run: (i, mark) =>
        replica(mark, (client) => client.query(prepared.query(i)), 'query (plain pg)'),
    },
    {
      key: 'p1',
      name: 'P1: reads return before COMMIT (2 round trips awaited)',
      async run(i, mark) {
        const client = await ctx.tenantPool.connect();
        mark('pool.connect');
        let result: unknown;
        try {
          await client.query(beginSql(clinicId).replace('BEGIN;', 'BEGIN READ ONLY;'));
          mark('BEGIN READ ONLY + set_config');
          result = await viaDrizzle(i)(client);
          mark('query (drizzle)');
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {});
          client.release();
          throw err;
        }
        commitInBackground(client);
        return result;
      },
      settle,
    },
    {
      key: 'p2',
      name: 'P2: P1 + pipeline mode, BEGIN and the query written together (1 round trip awaited)',
      run: (i, mark) => pipelinedRead(viaDrizzle(i), mark),
      settle,
    },
    {
      key: 'p3',
      name: 'P3: P2 + SQL built once per query shape (drizzle prepared query, sent unnamed)',
      run: (i, mark) => pipelinedRead((client) => statementOn(client, false)(i), mark),
      settle,
    },
    {
      key: 'floor-named',
      name: 'floor with a named prepared statement (reference for P4)',
      async run(i, mark) {
        const client = await ctx.floorPool.connect();
        mark('pool.connect');
        try {
          const q = prepared.query(i);
          await client.query({ name: statementName(q.text), ...q });
          mark('query');
        } finally {
          client.release();
          mark('release');
        }
      },
    },
    {
      key: 'p4',
      name: 'P4: P3 with a named server-side statement (compare with the named floor)',
      run: (i, mark) => pipelinedRead((client) => statementOn(client, true)(i), mark),
      settle,
    },
    {
      key: 'p5-hit',
      name: 'P5: role-pinned pool, clinic already set on the connection (1 round trip)',
      async run(i, mark) {
        const client = await pinned.connect();
        mark('pool.connect');
        try {
          if (pinnedClinic.get(client) !== clinicId) {
            await client.query(`SELECT set_config('app.clinic_id', $1, false)`, [clinicId]);
            pinnedClinic.set(client, clinicId);
          }
          mark('set_config if needed');
          const result = await viaDrizzle(i)(client);
          mark('query (drizzle)');
          return result;
        } finally {
          client.release();
          mark('release');
        }
      },
    },
    {
      key: 'p5-miss',
      name: 'P5: role-pinned pool, clinic switched (2 round trips)',
      async run(i, mark) {
        const client = await pinned.connect();
        mark('pool.connect');
        try {
          await client.query(`SELECT set_config('app.clinic_id', $1, false)`, [clinicId]);
          pinnedClinic.set(client, clinicId);
          mark('set_config');
          const result = await viaDrizzle(i)(client);
          mark('query (drizzle)');
          return result;
        } finally {
          client.release();
          mark('release');
        }
      },
    },
    {
      key: 'p6',
      name: 'P6: one simple-protocol message, literals inlined (no drizzle)',
      async run(i, mark) {
        const client = await ctx.tenantPool.connect();
        mark('pool.connect');
        try {
          const text = `${beginSql(clinicId)}; ${inline(prepared.query(i))}; COMMIT`;
          const results = (await client.query(text)) as unknown as pg.QueryResult[];
          mark('one message');
          return results[2]?.rows;
        } finally {
          client.release();
          mark('release');
        }
      },
    },
  ];

  try {
    // Every prototype must return the same rows as the floor before it is timed.
    const expected = prepared.ids(await ctx.floorPool.query(prepared.query(0)));
    for (const v of variants) {
      const got = prepared.ids(await v.run(0, () => {}));
      await v.settle?.();
      if (v.key === 'tenantdb' || /^p\d/.test(v.key)) {
        if (JSON.stringify(got) !== JSON.stringify(expected)) {
          throw new Error(`breakdown variant "${v.name}" returned other rows than the floor`);
        }
      }
    }
    const results = await measureInterleaved(variants, { warmup, iterations });
    const server = await serverSide(ctx, prepared, Math.min(iterations, 300));
    const builds: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const t = performance.now();
      prepared.build(i);
      builds.push(performance.now() - t);
    }
    return { iterations, variants: results, server, buildMs: summarize(builds).median };
  } finally {
    await pinned.end();
    await piped.end();
  }
}

interface ExplainJson {
  Plan: PlanNode;
  'Planning Time': number;
  'Execution Time': number;
}
interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function describePlan(node: PlanNode): string {
  const self = node['Index Name']
    ? `${node['Node Type']} (${node['Index Name']})`
    : node['Node Type'];
  const children = (node.Plans ?? []).map(describePlan);
  return children.length ? `${self} → ${children.join(', ')}` : self;
}

/**
 * Planning + execution time as Postgres reports it, floor (superuser) vs tenant role under RLS.
 * TIMING OFF: per-node clocks would inflate the walls-on side, whose plan has one node more.
 */
async function serverSide(
  ctx: BenchContext,
  prepared: PreparedCase,
  n: number,
): Promise<ServerSide> {
  const explain = (q: PlainQuery) => ({
    text: `EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${q.text}`,
    values: q.values,
  });
  const floor = { planning: [] as number[], execution: [] as number[], plan: '' };
  const walls = { planning: [] as number[], execution: [] as number[], plan: '' };
  const record = (into: typeof floor, rows: { 'QUERY PLAN': ExplainJson[] }[]) => {
    const json = rows[0]?.['QUERY PLAN'][0];
    if (!json) throw new Error('EXPLAIN returned nothing');
    into.planning.push(json['Planning Time']);
    into.execution.push(json['Execution Time']);
    into.plan ||= describePlan(json.Plan);
  };
  const client = await ctx.tenantPool.connect();
  try {
    for (let i = 0; i < n; i++) {
      const q = prepared.query(i);
      record(floor, (await ctx.floorPool.query(explain(q))).rows);
      await client.query(beginSql(ctx.bigClinicId));
      try {
        record(walls, (await client.query(explain(q))).rows);
      } finally {
        await client.query('COMMIT');
      }
    }
  } finally {
    client.release();
  }
  const med = (xs: number[]) => summarize(xs).median;
  return {
    floor: { planning: med(floor.planning), execution: med(floor.execution), plan: floor.plan },
    wallsOn: { planning: med(walls.planning), execution: med(walls.execution), plan: walls.plan },
  };
}
