/**
 * A test file's fuzz suite: its own database and storage, one `it` per entry (each from the world
 * as built: it is rebuilt whenever the entry before changed a checked row), the seed printed
 * first and the count per endpoint as a Markdown table last.
 *
 * FUZZ_SEED replays a run; FUZZ_RUNS sets the inputs per endpoint: 200 by default on Postgres,
 * fewer on PGlite, which runs every statement in the test process and is several times slower.
 */
import { afterAll, describe, it } from 'vitest';
import { resetDatabase, useTestDatabase } from '../db';
import { useTempStorage } from '../export-support';
import { signIn, type Caller } from '../isolation-harness';
import { signOut } from '../session-state';
import { useSmtpCapture } from '../smtp-transport';
import { changedKeys, storageChecksums, tableChecksums } from './checksums';
import { fuzzEndpoint, type FuzzEntry, type FuzzStats } from './runner';
import { buildFuzzWorld, type FuzzWorld } from './world';

const PGLITE_RUNS = 50;
// 200 uploads take about 10 s on a loaded 2-core machine: room for that, not for a hang.
const ENTRY_TIMEOUT_MS = 120_000;

export function fuzzEveryEntry(title: string, entries: FuzzEntry[]): void {
  const db = useTestDatabase();
  const storage = useTempStorage();
  // Endpoints that send mail send it to a real SMTP server in-process, not to .data/mail.
  useSmtpCapture();
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  const runs = Number(process.env.FUZZ_RUNS ?? (process.env.DATABASE_URL ? 200 : PGLITE_RUNS));
  console.log(`${title}: seed ${seed}, ${runs} inputs per endpoint (replay: FUZZ_SEED=${seed})`);

  const caller = async (c: Caller | null) => (c ? signIn(c) : signOut());
  const snapshot = async () =>
    new Map([...(await tableChecksums()), ...storageChecksums(storage.dir())]);

  let world: { w: FuzzWorld; built: Map<string, string> } | undefined;
  async function freshWorld(): Promise<FuzzWorld> {
    if (world && changedKeys(world.built, await snapshot()).length === 0) return world.w;
    await resetDatabase(db.handle());
    const w = await buildFuzzWorld();
    world = { w, built: await snapshot() };
    return w;
  }

  const stats = new Map<string, FuzzStats>();
  describe(title, () => {
    it.each(entries.map((e) => [e.id, e] as const))(
      '%s',
      async (_id, entry) => {
        const w = await freshWorld();
        const params = { seed, numRuns: runs, signIn: caller, snapshot };
        stats.set(entry.id, await fuzzEndpoint(entry, w, params));
      },
      ENTRY_TIMEOUT_MS,
    );

    afterAll(() => {
      const rows = [...stats].map(
        ([id, s]) =>
          `| ${id} | ${s.runs} | ${s.accepted} | ${s.refused - s.invalid} | ${s.invalid} | ${s.ms} |`,
      );
      console.log(
        [
          `| endpoint (seed ${seed}) | inputs | accepted | refused in the body | refused by validation | ms |`,
          '| --- | --- | --- | --- | --- | --- |',
          ...rows,
        ].join('\n'),
      );
    });
  });
}
