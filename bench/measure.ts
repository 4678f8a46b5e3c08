/**
 * Timing: warm up, then run every variant once per iteration, rotating which goes first
 * (A B, B A, ...), so drift and cache effects land on all variants alike. Each variant receives
 * the iteration number and picks its parameters from it, so all variants see the same inputs.
 * A variant may call `mark(phase)` to split its time into phases (time since the previous mark).
 */
export interface Variant {
  /** Stable id for the report to look results up by. */
  key: string;
  name: string;
  run(iteration: number, mark: (phase: string) => void): Promise<unknown>;
  /** Awaited after the timed region (background work a variant started, e.g. a deferred COMMIT). */
  settle?(): Promise<void>;
}

export interface Stats {
  n: number;
  /** 10th percentile: on a busy machine, closer to the cost without scheduling delays. */
  p10: number;
  median: number;
  p95: number;
  mean: number;
  min: number;
}

export interface VariantResult {
  key: string;
  name: string;
  total: Stats;
  /** Per-phase medians, in the order the phases were first marked. */
  phases: { phase: string; median: number }[];
}

export interface MeasureOptions {
  warmup: number;
  iterations: number;
}

export function summarize(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const mid = sorted.length / 2;
  const median =
    sorted.length % 2 === 1
      ? (sorted[Math.floor(mid)] ?? NaN)
      : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
  return {
    n: sorted.length,
    p10: at(0.1),
    median,
    p95: at(0.95),
    mean: sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1),
    min: sorted[0] ?? NaN,
  };
}

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

export async function measureInterleaved(
  variants: Variant[],
  options: MeasureOptions,
): Promise<VariantResult[]> {
  const totals = variants.map(() => [] as number[]);
  const phases = variants.map(() => new Map<string, number[]>());
  const total = options.warmup + options.iterations;
  for (let i = 0; i < total; i++) {
    const recording = i >= options.warmup;
    for (let k = 0; k < variants.length; k++) {
      const index = (i + k) % variants.length;
      const variant = variants[index] as Variant;
      const phaseMap = phases[index] as Map<string, number[]>;
      const start = nowMs();
      let last = start;
      const mark = (phase: string) => {
        const t = nowMs();
        if (recording) {
          let list = phaseMap.get(phase);
          if (!list) phaseMap.set(phase, (list = []));
          list.push(t - last);
        }
        last = t;
      };
      await variant.run(i, mark);
      const elapsed = nowMs() - start;
      if (recording) (totals[index] as number[]).push(elapsed);
      await variant.settle?.();
    }
  }
  return variants.map((v, index) => ({
    key: v.key,
    name: v.name,
    total: summarize(totals[index] as number[]),
    phases: [...(phases[index] as Map<string, number[]>)].map(([phase, samples]) => ({
      phase,
      median: summarize(samples).median,
    })),
  }));
}

/** Deterministic PRNG (mulberry32), so parameter picks repeat from run to run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
