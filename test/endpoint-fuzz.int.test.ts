/**
 * Fuzzes every endpoint (issue 9 §9, docs/INVARIANTS.md): every server action and route handler
 * that scripts/endpoints.ts finds (the isolation matrix's source, here with the routes the matrix
 * leaves out: next-auth, health, Inngest) gets generated inputs, derived from its zod schema and
 * mixed with hostile ones (test/fuzz/). Each call must not crash (no 5xx, no unknown action
 * error), a refused call must change no row and no stored file, and an accepted one only its
 * caller's clinic (test/fuzz/runner.ts).
 *
 * This file: the tenant plane (and the session actions), plus the coverage check over every
 * entry; test/endpoint-fuzz-control-public.int.test.ts runs the rest, so that both halves run
 * side by side. Replay: `FUZZ_SEED=<seed> npx vitest run test/endpoint-fuzz` (add
 * `-t '<endpoint id>'` for one endpoint); FUZZ_RUNS sizes it (test/fuzz/suite.ts).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRepoEndpoints } from '@/scripts/endpoints';
import {
  CONTROL_ACTION_ENTRIES,
  SESSION_ACTION_ENTRIES,
  TENANT_ACTION_ENTRIES,
} from './fuzz/action-entries';
import { PUBLIC_ACTION_ENTRIES } from './fuzz/public-entries';
import { PUBLIC_ROUTE_ENTRIES } from './fuzz/public-route-entries';
import { ROUTE_ENTRIES } from './fuzz/route-entries';
import { fuzzEveryEntry } from './fuzz/suite';
import {
  TEAM_CONTROL_AND_PUBLIC_ENTRIES,
  TEAM_SESSION_ENTRIES,
  TEAM_TENANT_ENTRIES,
} from './fuzz/team-entries';

fuzzEveryEntry('tenant-plane endpoints, fuzzed', [
  ...TENANT_ACTION_ENTRIES,
  ...ROUTE_ENTRIES,
  ...SESSION_ACTION_ENTRIES,
  // Issue 10 §2: invitations and the clinic's own team.
  ...TEAM_TENANT_ENTRIES,
  ...TEAM_SESSION_ENTRIES,
]);

const ENTRIES = [
  ...TENANT_ACTION_ENTRIES,
  ...ROUTE_ENTRIES,
  ...SESSION_ACTION_ENTRIES,
  ...CONTROL_ACTION_ENTRIES,
  ...PUBLIC_ACTION_ENTRIES,
  ...PUBLIC_ROUTE_ENTRIES,
  // Issue 10 §2: invitations and the clinic's own team.
  ...TEAM_TENANT_ENTRIES,
  ...TEAM_SESSION_ENTRIES,
  ...TEAM_CONTROL_AND_PUBLIC_ENTRIES,
];

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
