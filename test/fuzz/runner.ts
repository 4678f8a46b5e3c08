/**
 * Runs one endpoint's fuzz entry: N generated inputs (fast-check, seeded), each call followed by
 * a checksum of every table, and three rules per call:
 *
 * - never a crash: a status of 500 or more from a route handler, the generic "Something went
 *   wrong" (an unknown error) from a server action, or an exception out of either;
 * - a refused input changes no row;
 * - an accepted input changes only what its caller may change (its own clinic's rows for the
 *   tenant plane, nothing for reads), and answers with no id of another clinic that the input did
 *   not name.
 */
import fc from 'fast-check';
import { UNKNOWN_ERROR_PREFIX } from '@/lib/actions/safe-action';
import type { ActionResult, Caller } from '../isolation-harness';
import { changedKeys } from './checksums';
import type { FuzzWorld } from './world';

/**
 * What became of one input. `invalid`: refused by validation (an action's validationErrors, a
 * route's 400) rather than further in, so the table shows how many reached the endpoint's body.
 */
export type Outcome = {
  result: 'accepted' | 'refused' | 'crashed';
  answer: string;
  invalid?: boolean;
};

export interface FuzzEntry {
  /** The endpoint id as scripts/endpoints.ts reports it (`file#export` or `file#METHOD`). */
  id: string;
  /** The export the entry calls, checked against the module (like the isolation matrix). */
  fn: unknown;
  /** Who is signed in for every call (null: nobody). */
  caller: (w: FuzzWorld) => Caller | null;
  inputs: (w: FuzzWorld) => fc.Arbitrary<unknown>;
  call: (w: FuzzWorld, input: unknown) => Promise<Outcome>;
  /** Checksum keys an accepted call may change. A refused call may change none. */
  mayChange: (w: FuzzWorld, input: unknown, key: string) => boolean;
  /** Ids the caller must never get back unless its input named them. */
  secret: (w: FuzzWorld) => string[];
}

export interface FuzzStats {
  runs: number;
  accepted: number;
  refused: number;
  /** Of the refused, how many by validation. */
  invalid: number;
  ms: number;
}

/** A server action's result as an outcome. */
export function actionOutcome(r: unknown): Outcome {
  const { serverError, validationErrors } = (r ?? {}) as ActionResult;
  const answer = fc.stringify(r);
  if (typeof serverError === 'string' && serverError.startsWith(UNKNOWN_ERROR_PREFIX))
    return { result: 'crashed', answer };
  if (validationErrors !== undefined) return { result: 'refused', answer, invalid: true };
  if (serverError !== undefined) return { result: 'refused', answer };
  return { result: 'accepted', answer };
}

/** A route handler's response as an outcome. */
export async function responseOutcome(res: Response): Promise<Outcome> {
  const answer = `${res.status} ${await res.text()}`;
  if (res.status >= 500) return { result: 'crashed', answer };
  if (res.status >= 400) return { result: 'refused', answer, invalid: res.status === 400 };
  return { result: 'accepted', answer };
}

const short = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s);

/** The problems one call shows, or [] when it kept every rule. */
function judge(
  entry: FuzzEntry,
  w: FuzzWorld,
  input: unknown,
  outcome: Outcome,
  changed: string[],
): string[] {
  const problems: string[] = [];
  if (outcome.result === 'crashed') problems.push(`crashed: ${short(outcome.answer)}`);
  const allowed =
    outcome.result === 'accepted' ? (k: string) => entry.mayChange(w, input, k) : () => false;
  const wrong = changed.filter((k) => !allowed(k));
  if (wrong.length) problems.push(`${outcome.result} but changed ${wrong.join(', ')}`);
  // Ids are compared lowercased: a uuid sent in capitals comes back as Postgres writes it.
  const sent = fc.stringify(input).toLowerCase();
  const answer = outcome.answer.toLowerCase();
  const leaked = entry.secret(w).filter((id) => answer.includes(id) && !sent.includes(id));
  if (leaked.length) problems.push(`answered with another clinic's ids ${leaked.join(', ')}`);
  return problems;
}

/** Runs `numRuns` inputs; throws with the seed, the path and a readable counterexample. */
export async function fuzzEndpoint(
  entry: FuzzEntry,
  w: FuzzWorld,
  params: {
    seed: number;
    numRuns: number;
    signIn: (c: Caller | null) => Promise<void>;
    /** Checksums of everything a call could change (tables, stored files). */
    snapshot: () => Promise<Map<string, string>>;
  },
): Promise<FuzzStats> {
  const stats: FuzzStats = { runs: 0, accepted: 0, refused: 0, invalid: 0, ms: 0 };
  const started = Date.now();
  await params.signIn(entry.caller(w));
  let last = await params.snapshot();
  const property = fc.asyncProperty(entry.inputs(w), async (input) => {
    let outcome: Outcome;
    try {
      outcome = await entry.call(w, input);
    } catch (err) {
      outcome = {
        result: 'crashed',
        answer: `threw ${err instanceof Error ? err.stack : String(err)}`,
      };
    }
    const before = last;
    last = await params.snapshot();
    const problems = judge(entry, w, input, outcome, changedKeys(before, last));
    if (problems.length) throw new Error(problems.join('; '));
    stats.runs += 1;
    if (outcome.result === 'accepted') stats.accepted += 1;
    else stats.refused += 1;
    if (outcome.invalid) stats.invalid += 1;
  });
  const details = await fc.check(property, { seed: params.seed, numRuns: params.numRuns });
  stats.ms = Date.now() - started;
  if (details.failed) {
    throw new Error(
      `${entry.id} failed after ${details.numRuns} inputs (FUZZ_SEED=${params.seed}, path ${details.counterexamplePath}):\n` +
        `  input: ${short(fc.stringify(details.counterexample))}\n` +
        `  ${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`,
    );
  }
  return stats;
}
