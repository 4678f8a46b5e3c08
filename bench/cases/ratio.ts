/**
 * Application-path cases: a domain function (patient search, the list page, the CSV export, a
 * retention run) measured against a baseline of its own in the same run (a primary-key lookup
 * through the same layer, `psql \copy`, one set-based statement). Unlike the floor cases these do
 * not send byte-identical SQL on both sides; the ratio says how far the path is from the cheapest
 * way to get the same result.
 */
import type { Stats } from '../measure';
import type { BenchContext } from './types';

export interface RatioRow {
  /** What this row measures, e.g. "search 'gar'". */
  label: string;
  subject: Stats;
  baseline: Stats;
  /** Extra facts for the row (rows returned, bytes, RSS), already formatted. */
  note?: string;
}

export interface RatioSection {
  title: string;
  /** Column names for the two sides. */
  subjectName: string;
  baselineName: string;
  /** One paragraph: what each side does, with which parameters. */
  description: string;
  rows: RatioRow[];
  /** A table of its own instead of `rows`, for measures that are not two latencies. */
  table?: { columns: string[]; rows: string[][] };
  /** The goals (issue 12) this section's numbers answer, for the summary at the top. */
  goals?: Goal[];
  /** Further sentences computed by the case (e.g. peak RSS comparison). */
  findings: string[];
}

/** One goal of the summary table: what is measured, before issue 12, now, and the bar. */
export interface Goal {
  measure: string;
  /** The figure the issue started from, as it stated it. */
  before: string;
  value: number;
  goal: number;
  /** Requests per second: more is better. Otherwise the value must stay at or under the goal. */
  higherIsBetter?: boolean;
  unit?: string;
}

export interface RatioCase {
  id: string;
  title: string;
  run(ctx: BenchContext): Promise<RatioSection>;
}

/** Milliseconds since `start` (performance.now()). */
export const since = (start: number) => performance.now() - start;
