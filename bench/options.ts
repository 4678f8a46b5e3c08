/**
 * Command-line options for `npm run bench`.
 *
 *   npm run bench                      full scale (1,000,000 patients over 1,000 clinics)
 *   npm run bench -- --scale=0.01      quick run (10,000 patients over 10 clinics)
 *   npm run bench -- --fresh           drop and reseed even if the database already holds this scale
 *   npm run bench -- --iterations=500 --warmup=100 --cases=point-lookup
 *   npm run bench -- --cases=csv-export,retention   only the application-path cases named
 *   npm run bench -- --no-breakdown    skip the round-trip breakdown and the prototypes
 *   npm run bench -- --out=/tmp/b.md   write the report elsewhere (default docs/benchmarks.md)
 *   npm run bench -- --nice            renice the bench and its Postgres backends (shared machines)
 */
export interface BenchOptions {
  /** Multiplies the patient counts (1 = 1,000,000 patients); clinics scale too, at least 10. */
  scale: number;
  /** Drop and reseed the bench database even when its marker says it already holds this scale. */
  fresh: boolean;
  /** Measured iterations per variant (after the warmup). */
  iterations: number;
  warmup: number;
  /** Connections in each pool; equal on both sides. Measurements run one at a time. */
  poolSize: number;
  /** Case ids to run; undefined runs all. */
  cases: string[] | undefined;
  /** Measure where the time goes and try the db/tenant.ts prototypes. */
  breakdown: boolean;
  /**
   * Name of the bench database (created beside the one in DATABASE_URL). Default: clinic_bench at
   * scale 1, clinic_bench_<scale> otherwise, so a quick run does not throw away the full seed.
   */
  database: string;
  out: string;
  /** Seed for the parameter picks (ids, offsets), so runs are repeatable. */
  seed: number;
  /** Raise the priority of the bench and its Postgres backends (root, local Postgres only). */
  nice: boolean;
}

const DEFAULTS: BenchOptions = {
  scale: 1,
  fresh: false,
  iterations: 2000,
  warmup: 300,
  poolSize: 4,
  cases: undefined,
  breakdown: true,
  database: '',
  out: 'docs/benchmarks.md',
  seed: 42,
  nice: false,
};

export function parseOptions(argv: string[]): BenchOptions {
  const options = { ...DEFAULTS };
  for (const arg of argv) {
    const [flag, value] = arg.split('=', 2) as [string, string | undefined];
    const num = (): number => {
      const n = Number(value);
      if (value === undefined || !Number.isFinite(n) || n <= 0) {
        throw new Error(`${flag} needs a positive number, got ${String(value)}`);
      }
      return n;
    };
    switch (flag) {
      case '--scale':
        options.scale = num();
        break;
      case '--fresh':
        options.fresh = true;
        break;
      case '--iterations':
        options.iterations = Math.round(num());
        break;
      case '--warmup':
        options.warmup = Math.round(num());
        break;
      case '--pool':
        options.poolSize = Math.round(num());
        break;
      case '--cases':
        options.cases = (value ?? '').split(',').filter(Boolean);
        break;
      case '--nice':
        options.nice = true;
        break;
      case '--no-breakdown':
        options.breakdown = false;
        break;
      case '--database':
        if (!value || !/^[a-z_][a-z0-9_]*$/.test(value)) {
          throw new Error('--database needs a plain lower-case identifier');
        }
        options.database = value;
        break;
      case '--out':
        if (!value) throw new Error('--out needs a path');
        options.out = value;
        break;
      case '--seed':
        options.seed = Math.round(num());
        break;
      case '--help':
      case '-h':
        console.log(usage());
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown option ${arg}\n${usage()}`);
    }
  }
  if (options.scale > 10) throw new Error('--scale above 10 is not supported');
  options.database ||=
    options.scale === 1
      ? 'clinic_bench'
      : `clinic_bench_${String(options.scale).replace(/[^0-9]/g, '_')}`;
  return options;
}

function usage(): string {
  return [
    'usage: npm run bench -- [--scale=1] [--fresh] [--iterations=2000] [--warmup=300]',
    '                        [--pool=4] [--no-breakdown] [--nice]',
    '                        [--cases=point-lookup,sorted-page,patient-search,patient-list,csv-export,retention]',
    '                        [--database=clinic_bench[_<scale>]] [--out=docs/benchmarks.md] [--seed=42]',
  ].join('\n');
}
