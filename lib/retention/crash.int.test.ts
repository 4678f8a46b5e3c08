/**
 * Crash-and-rerun property: for a random set of attachments, retention that crashes at ANY step
 * and is then resumed (as Inngest resumes a run: completed steps replayed from their memoised,
 * JSON-serialised results, the crashed step executed again) ends in exactly the state of an
 * uninterrupted run: the same rows soft-deleted and purged, the same files left in storage, the
 * same summary, and one summary audit event.
 *
 * Two kinds of crash per step: before the step's work (nothing happened), and after it but
 * before its result was recorded (the work happened, the runner does not know).
 */
import fs from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditEvents, retentionRuns } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { useTestDatabase } from '@/test/db';
import { createFixtureClinic, type FixtureClinic } from '@/test/fixtures';
import {
  attachmentStates,
  insertAttachments,
  storedFiles,
  useTempStorage,
  type AttachmentSpec,
} from '@/test/retention-fixtures';
import { runRetention } from './run';
import type { JobStep, RetentionOptions } from './types';

const db = useTestDatabase();
const NOW = new Date('2026-10-01T03:00:00.000Z');
const RUNS = Number(process.env.RETENTION_PROPERTY_RUNS ?? 6);

let clinic: FixtureClinic;
let storage: ReturnType<typeof useTempStorage>;

beforeAll(async () => {
  clinic = await createFixtureClinic('crash');
  storage = useTempStorage();
});
afterAll(() => storage.cleanup());

class SimulatedCrash extends Error {}

type Memo = Map<string, unknown>;

/**
 * A step runner with Inngest's replay semantics: a memoised step returns its recorded result;
 * otherwise the step runs and its result is recorded as JSON. With `crashAt`, the runner dies at
 * that (0-based) executed step, before or after its work; once dead, every later step fails too,
 * as in a killed process.
 */
function steps(memo: Memo, crash?: { at: number; when: 'before' | 'after' }) {
  let executed = 0;
  let dead = false;
  const runner: JobStep = {
    run: async <T>(id: string, fn: () => Promise<T>): Promise<T> => {
      if (dead) throw new SimulatedCrash(`process gone (step ${id})`);
      if (memo.has(id)) return memo.get(id) as T;
      const index = executed++;
      if (crash?.at === index && crash.when === 'before') {
        dead = true;
        throw new SimulatedCrash(`crash before ${id}`);
      }
      const result = await fn();
      if (crash?.at === index && crash.when === 'after') {
        dead = true;
        throw new SimulatedCrash(`crash after ${id}`);
      }
      memo.set(id, JSON.parse(JSON.stringify(result ?? null)));
      return memo.get(id) as T;
    },
  };
  return { runner, executed: () => executed };
}

const idOf = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

const specArb: fc.Arbitrary<AttachmentSpec> = fc
  .record({
    purpose: fc.constantFrom('export', 'report', 'patient_document'),
    entityType: fc.constantFrom('patients_csv', 'appointments_csv', 'monthly_report'),
    ageDays: fc.integer({ min: 0, max: 150 }),
    deleted: fc.option(fc.integer({ min: 0, max: 12 }), { nil: null, freq: 2 }),
    purged: fc.boolean(),
  })
  .map((r) => ({
    purpose: r.purpose as AttachmentSpec['purpose'],
    entityType: r.entityType,
    ageDays: r.ageDays + 0.5,
    deletedDaysAgo: r.deleted,
    purged: r.deleted !== null && r.purged,
  }));

const scenarioArb = fc.record({
  specs: fc.array(specArb, { minLength: 1, maxLength: 10 }),
  retentionDays: fc.integer({ min: 1, max: 120 }),
  keepLatest: fc.integer({ min: 1, max: 3 }),
  graceDays: fc.integer({ min: 0, max: 8 }),
  batchSize: fc.integer({ min: 1, max: 4 }),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer S> ? S : never;

/** Back to the scenario's initial state: no attachments, runs or files but the scenario's. */
async function reset(scenario: Scenario): Promise<void> {
  await db.handle().db.execute(sql`truncate table file_attachments, retention_runs cascade`);
  fs.rmSync(storage.root, { recursive: true, force: true });
  fs.mkdirSync(storage.root, { recursive: true });
  await insertAttachments(
    clinic.id,
    scenario.specs.map((s, i) => ({ ...s, id: idOf(i), entityId: `e${i % 3}` })),
    NOW,
  );
}

function options(scenario: Scenario): RetentionOptions {
  const { retentionDays, keepLatest, graceDays, batchSize } = scenario;
  return { dryRun: false, now: NOW, retentionDays, keepLatest, graceDays, batchSize };
}

async function endState(runId: string) {
  const runs = await tenantDb(clinic.id).list(retentionRuns, { limit: 10 });
  const summaries = await tenantDb(clinic.id).count(
    auditEvents,
    and(
      eq(auditEvents.action, 'retention.run'),
      eq(auditEvents.outcome, 'success'),
      eq(auditEvents.entityId, runId),
    ),
  );
  return {
    attachments: await attachmentStates(clinic.id),
    files: storedFiles(storage.root),
    runs: runs.map((r) => ({ status: r.status, summary: r.summary })),
    summaryEvents: summaries,
  };
}

describe('retention survives a crash at any step', () => {
  it('crash at step k (before or after its work), then resume: same end state as uninterrupted', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await fc.assert(
        fc.asyncProperty(scenarioArb, async (scenario) => {
          await reset(scenario);
          const clean = steps(new Map());
          const result = await runRetention(tenantDb(clinic.id), options(scenario), clean.runner);
          const expected = await endState(result.runId);
          expect(expected.runs).toEqual([
            {
              status: 'done',
              summary: expect.objectContaining({ softDeleted: result.softDeleted }),
            },
          ]);
          expect(expected.summaryEvents).toBe(1);
          const total = clean.executed();

          for (let k = 0; k < total; k++) {
            for (const when of ['before', 'after'] as const) {
              await reset(scenario);
              const memo: Memo = new Map();
              await expect(
                runRetention(
                  tenantDb(clinic.id),
                  options(scenario),
                  steps(memo, { at: k, when }).runner,
                ),
              ).rejects.toBeInstanceOf(SimulatedCrash);
              const resumed = await runRetention(
                tenantDb(clinic.id),
                options(scenario),
                steps(memo).runner,
              );
              const got = await endState(resumed.runId);
              expect({ k, when, ...got }).toEqual({ k, when, ...expected });
              expect({ ...resumed, runId: '' }).toEqual({ ...result, runId: '' });
            }
          }
        }),
        { numRuns: RUNS },
      );
    } finally {
      quiet.mockRestore();
    }
  }, 600_000);
});
