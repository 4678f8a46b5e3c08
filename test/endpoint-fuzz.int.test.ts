/**
 * Fuzzes every endpoint (issue 9 §9, docs/INVARIANTS.md): every server action and route handler
 * that scripts/endpoints.ts finds (the isolation matrix's source, here with the routes the matrix
 * leaves out: next-auth, health, Inngest) gets FUZZ_RUNS generated inputs, derived from its zod
 * schema and mixed with hostile ones (test/fuzz/). Each call must not crash (no 5xx, no unknown
 * action error), a refused call must change no row and no stored file, and an accepted one only
 * its caller's clinic (test/fuzz/runner.ts).
 *
 * Replay: the seed is printed; `FUZZ_SEED=<seed> npx vitest run test/endpoint-fuzz.int.test.ts`
 * (add `-t '<endpoint id>'` for one endpoint). Each endpoint starts from the world as built: it
 * is rebuilt whenever the endpoint before changed a checked row.
 * FUZZ_RUNS sets the inputs per endpoint: 200 by default on Postgres, fewer on PGlite, which runs
 * every statement in one process and is several times slower (see PGLITE_RUNS).
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findRepoEndpoints } from '@/scripts/endpoints';
import { resetDatabase, useTestDatabase } from './db';
import { useTempStorage } from './export-support';
import { signIn, type Caller } from './isolation-harness';
import { signOut } from './session-state';
import { ACTION_ENTRIES } from './fuzz/action-entries';
import { changedKeys, storageChecksums, tableChecksums } from './fuzz/checksums';
import { PUBLIC_ACTION_ENTRIES } from './fuzz/public-entries';
import { PUBLIC_ROUTE_ENTRIES } from './fuzz/public-route-entries';
import { ROUTE_ENTRIES } from './fuzz/route-entries';
import { fuzzEndpoint, type FuzzStats } from './fuzz/runner';
import { buildFuzzWorld, type FuzzWorld } from './fuzz/world';

const db = useTestDatabase();
const storage = useTempStorage();

const PGLITE_RUNS = 50;
const ENTRY_TIMEOUT_MS = 120_000;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.FUZZ_RUNS ?? (process.env.DATABASE_URL ? 200 : PGLITE_RUNS));
console.log(`endpoint fuzz: seed ${SEED}, ${RUNS} inputs per endpoint (replay: FUZZ_SEED=${SEED})`);

const ENTRIES = [
  ...ACTION_ENTRIES,
  ...PUBLIC_ACTION_ENTRIES,
  ...ROUTE_ENTRIES,
  ...PUBLIC_ROUTE_ENTRIES,
];

const caller = async (c: Caller | null) => (c ? signIn(c) : signOut());
const snapshot = async () =>
  new Map([...(await tableChecksums()), ...storageChecksums(storage.dir())]);

const stats = new Map<string, FuzzStats>();

/** The world as built, and its checksums: rebuilt only once an entry has changed it. */
let world: { w: FuzzWorld; built: Map<string, string> } | undefined;
async function freshWorld(): Promise<FuzzWorld> {
  if (world && changedKeys(world.built, await snapshot()).length === 0) return world.w;
  await resetDatabase(db.handle());
  const w = await buildFuzzWorld();
  world = { w, built: await snapshot() };
  return w;
}

describe('every endpoint, fuzzed', () => {
  it.each(ENTRIES.map((e) => [e.id, e] as const))(
    '%s',
    async (_id, entry) => {
      const w = await freshWorld();
      const params = { seed: SEED, numRuns: RUNS, signIn: caller, snapshot };
      stats.set(entry.id, await fuzzEndpoint(entry, w, params));
    },
    // 200 uploads take about 10 s on a loaded 2-core machine: room for that, not for a hang.
    ENTRY_TIMEOUT_MS,
  );

  // The fuzz count per endpoint, as a Markdown table.
  afterAll(() => {
    const rows = [...stats].map(
      ([id, s]) =>
        `| ${id} | ${s.runs} | ${s.accepted} | ${s.refused - s.invalid} | ${s.invalid} | ${s.ms} |`,
    );
    console.log(
      [
        `| endpoint (seed ${SEED}) | inputs | accepted | refused in the body | refused by validation | ms |`,
        '| --- | --- | --- | --- | --- | --- |',
        ...rows,
      ].join('\n'),
    );
  });
});

describe('coverage', () => {
  // Every route this time, the ones the matrix leaves out included.
  const endpoints = findRepoEndpoints(process.cwd(), []);

  it('has a fuzz entry for every endpoint, and none for an endpoint that is gone', () => {
    const listed = new Set(ENTRIES.map((e) => e.id));
    const found = new Set(endpoints.map((e) => e.id));
    expect(
      endpoints.filter((e) => !listed.has(e.id)).map((e) => e.id),
      'endpoints without a fuzz entry (test/fuzz/)',
    ).toEqual([]);
    expect(ENTRIES.filter((e) => !found.has(e.id)).map((e) => e.id)).toEqual([]);
    expect(listed.size).toBe(ENTRIES.length);
  });

  it('calls the real exports', async () => {
    const stale: string[] = [];
    for (const entry of ENTRIES) {
      const [file, name] = entry.id.split('#') as [string, string];
      const mod = (await import(path.join(process.cwd(), file))) as Record<string, unknown>;
      if (mod[name] !== entry.fn) stale.push(entry.id);
    }
    expect(stale).toEqual([]);
  });
});
