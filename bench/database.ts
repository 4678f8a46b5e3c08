/**
 * The bench runs in a database of its own, created beside the one DATABASE_URL names. It is
 * reused when its marker (a comment on the database) says it already holds the requested scale
 * with the current migrations and seed; otherwise it is dropped, recreated, migrated and seeded.
 */
import pg from 'pg';
import { connectPostgres } from '@/db/client';
import { expectedMigrations, runMigrations } from '@/db/migrate';
import { SEED_VERSION, planFor, seedDatabase, type SeedPlan } from './seed';

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface AdminTarget {
  url: string;
  /** Whether the URL came from DATABASE_URL or is the built-in default. */
  source: 'DATABASE_URL' | 'default';
}

export function adminTarget(): AdminTarget {
  const url = process.env.DATABASE_URL;
  if (url) return { url, source: 'DATABASE_URL' };
  return { url: DEFAULT_ADMIN_URL, source: 'default' };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** What the marker records about the seeded data. */
export interface Marker {
  seedVersion: number;
  scale: number;
  migrations: number;
  patients: number;
  clinics: number;
  seededAt: string;
  seedSeconds: number;
}

export interface PreparedDatabase {
  url: string;
  plan: SeedPlan;
  marker: Marker;
  /** True when this run seeded; false when an existing database was reused. */
  seeded: boolean;
}

const MARKER_PREFIX = 'clinic-bench ';

export async function prepareDatabase(
  admin: AdminTarget,
  database: string,
  scale: number,
  fresh: boolean,
): Promise<PreparedDatabase> {
  const url = withDatabase(admin.url, database);
  const plan = planFor(scale);
  const migrations = expectedMigrations().length;
  const adminPool = new pg.Pool({ connectionString: admin.url, max: 1 });
  try {
    const existing = await readMarker(adminPool, database);
    if (
      !fresh &&
      existing &&
      existing.seedVersion === SEED_VERSION &&
      existing.scale === scale &&
      existing.migrations === migrations
    ) {
      return { url, plan, marker: existing, seeded: false };
    }
    if (existing === null) {
      console.log(`[bench] creating database ${database}`);
    } else {
      console.log(
        `[bench] recreating database ${database} (${fresh ? '--fresh' : 'marker does not match'})`,
      );
    }
    await adminPool.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await adminPool.query(`CREATE DATABASE ${database}`);

    const handle = connectPostgres(url, 1);
    try {
      await runMigrations(handle);
    } finally {
      await handle.close();
    }

    const started = performance.now();
    await seedDatabase(url, plan);
    const seedSeconds = (performance.now() - started) / 1000;

    const marker: Marker = {
      seedVersion: SEED_VERSION,
      scale,
      migrations,
      patients: plan.totalPatients,
      clinics: plan.clinics,
      seededAt: new Date().toISOString(),
      seedSeconds: Math.round(seedSeconds * 10) / 10,
    };
    // Written last: an interrupted seed leaves no marker and is redone next time.
    await adminPool.query(
      `COMMENT ON DATABASE ${database} IS ${pg.escapeLiteral(MARKER_PREFIX + JSON.stringify(marker))}`,
    );
    return { url, plan, marker, seeded: true };
  } finally {
    await adminPool.end();
  }
}

/** null: no such database; undefined: the database exists but holds no (valid) marker. */
async function readMarker(pool: pg.Pool, database: string): Promise<Marker | null | undefined> {
  const { rows } = await pool.query<{ comment: string | null }>(
    `select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1`,
    [database],
  );
  if (rows.length === 0) return null;
  const comment = rows[0]?.comment;
  if (!comment?.startsWith(MARKER_PREFIX)) return undefined;
  try {
    return JSON.parse(comment.slice(MARKER_PREFIX.length)) as Marker;
  } catch {
    return undefined;
  }
}
