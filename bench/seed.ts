/**
 * Seeds the bench database with set-based SQL as the owner (a superuser connection, so RLS does
 * not apply): clinics, then patients in one INSERT ... SELECT over generate_series. Everything is
 * derived from row numbers through Postgres' stable hash functions, so every run at a given scale
 * produces the same rows and ids.
 *
 * At scale 1: 1,000 clinics and 1,000,000 patients; clinic #0 ("the big clinic") holds 200,000
 * and the other 999 share the remaining 800,000.
 */
import pg from 'pg';

/** Bump when the generated data changes, so existing bench databases are reseeded. */
export const SEED_VERSION = 2;

export interface SeedPlan {
  scale: number;
  clinics: number;
  bigClinicPatients: number;
  otherPatients: number;
  totalPatients: number;
}

export function planFor(scale: number): SeedPlan {
  const clinics = Math.max(10, Math.round(1000 * scale));
  const bigClinicPatients = Math.max(100, Math.round(200_000 * scale));
  const otherPatients = Math.max(clinics - 1, Math.round(800_000 * scale));
  return {
    scale,
    clinics,
    bigClinicPatients,
    otherPatients,
    totalPatients: bigClinicPatients + otherPatients,
  };
}

/** The big clinic's id: deterministic, the same for every scale. */
export const BIG_CLINIC_SLUG = 'bench-0000';

// Small pools of realistic-ish values; the hash of the row number picks one.
const GIVEN = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Amelia',
  'Oliver',
  'Ava',
  'Elijah',
  'Sophia',
  'Lucas',
  'Mia',
  'Mateo',
  'Isabella',
  'Levi',
  'Charlotte',
  'Leo',
  'Harper',
  'Ethan',
  'Evelyn',
  'James',
  'Luna',
  'Henry',
  'Ella',
  'Asher',
  'Aria',
  'Jack',
  'Chloe',
  'Muhammad',
  'Nora',
  'Hiroshi',
  'Fatima',
  'Wei',
  'Priya',
  'Arjun',
  'Sofia',
  'Diego',
  'Yuki',
  'Kwame',
  'Amara',
  'Ingrid',
  'Lars',
  'Chiara',
  'Marco',
  'Anna',
  'Jonas',
  'Zoe',
  'Omar',
  'Leila',
  'Ivan',
  'Elena',
  'Tomasz',
  'Agnieszka',
  'Siobhan',
  'Declan',
  'Aroha',
  'Tane',
  'Mei',
  'Jin',
  'Camila',
  'Pedro',
];
const FAMILY = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Perez',
  'Thompson',
  'White',
  'Harris',
  'Sanchez',
  'Clark',
  'Ramirez',
  'Lewis',
  'Robinson',
  'Walker',
  'Young',
  'Allen',
  'King',
  'Wright',
  'Scott',
  'Torres',
  'Nguyen',
  'Hill',
  'Flores',
  'Green',
  'Adams',
  'Nelson',
  'Baker',
  'Hall',
  'Rivera',
  'Campbell',
  'Mitchell',
  'Carter',
  'Roberts',
  'Kowalski',
  'Nowak',
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Rossi',
  'Russo',
  'Ferrari',
  'Esposito',
  'Tanaka',
  'Suzuki',
  'Watanabe',
  'Kim',
  'Park',
  'Chen',
  'Wang',
  'Li',
  'Zhang',
  'Singh',
  'Patel',
  'Kumar',
  'Okafor',
  'Mensah',
  'Haddad',
  'Cohen',
  "O'Brien",
  'Murphy',
  'Kelly',
  'Dubois',
];
const CITIES = [
  'Springfield',
  'Riverton',
  'Fairview',
  'Lakeside',
  'Greenville',
  'Ashford',
  'Brookfield',
  'Cedar Falls',
  'Dunmore',
  'Eastwood',
  'Franklin',
  'Georgetown',
  'Hillcrest',
  'Kingston',
  'Maplewood',
  'Northgate',
  'Oakridge',
  'Port Allen',
  'Westbury',
  'Millbrook',
];
const STREETS = [
  'Main',
  'Oak',
  'Pine',
  'Maple',
  'Cedar',
  'Elm',
  'Lake',
  'Hill',
  'Church',
  'Park',
  'High',
  'Mill',
  'River',
  'Station',
  'Victoria',
  'Chestnut',
  'Willow',
  'Sunset',
  'Bridge',
  'Garden',
];

function textArray(values: string[]): string {
  return `ARRAY[${values.map((v) => pg.escapeLiteral(v)).join(', ')}]::text[]`;
}

/** `n`-way pick driven by hashint8extended(g, salt): stable across runs and Postgres versions. */
function pick(values: string[], salt: number): string {
  return `(${textArray(values)})[1 + ${hashMod('g', salt, values.length)}]`;
}

function hashMod(expr: string, salt: number, modulus: number): string {
  return `((hashint8extended(${expr}, ${salt}) % ${modulus} + ${modulus}) % ${modulus})`;
}

function int(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a non-negative integer: ${n}`);
  return String(n);
}

export async function seedDatabase(url: string, plan: SeedPlan): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const step = async (label: string, text: string) => {
    const t = performance.now();
    const result = await client.query(text);
    const rows = result.rowCount ?? 0;
    console.log(
      `[bench]   ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s` +
        (rows ? ` (${rows.toLocaleString('en-US')} rows)` : ''),
    );
  };
  try {
    console.log(
      `[bench] seeding ${plan.totalPatients.toLocaleString('en-US')} patients over ` +
        `${plan.clinics.toLocaleString('en-US')} clinics (big clinic: ` +
        `${plan.bigClinicPatients.toLocaleString('en-US')})`,
    );
    // Bulk-load settings for this session only. session_replication_role = replica skips the
    // foreign-key triggers (clinic_id -> clinics): the rows are consistent by construction.
    await client.query(`SET synchronous_commit = off`);
    await client.query(`SET maintenance_work_mem = '512MB'`);
    await client.query(`SET work_mem = '256MB'`);
    await client.query(`SET session_replication_role = replica`);

    const others = plan.clinics - 1;
    const base = Math.floor(plan.otherPatients / others);
    const remainder = plan.otherPatients % others;
    await step(
      'plan',
      `CREATE TEMP TABLE bench_plan AS
       SELECT k, id, n, sum(n) OVER (ORDER BY k) - n AS start
       FROM (
         SELECT k, md5('bench-clinic-' || k)::uuid AS id,
                CASE WHEN k = 0 THEN ${int(plan.bigClinicPatients)}
                     ELSE ${int(base)} + (k <= ${int(remainder)})::int END AS n
         FROM generate_series(0, ${int(plan.clinics - 1)}) AS k
       ) AS p`,
    );
    await step(
      'clinics',
      `INSERT INTO clinics (id, name, slug, timezone, active, created_at, updated_at)
       SELECT id,
              CASE WHEN k = 0 THEN 'Bench Big Clinic' ELSE 'Bench Clinic ' || lpad(k::text, 4, '0') END,
              'bench-' || lpad(k::text, 4, '0'),
              (${textArray(['UTC', 'Europe/London', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney'])})[1 + k % 5],
              true, timestamptz '2019-01-01 00:00:00+00', timestamptz '2019-01-01 00:00:00+00'
       FROM bench_plan ORDER BY k`,
    );

    // Secondary indexes are cheaper to build once over the loaded table than to maintain row by
    // row. Their exact definitions are read from the catalog and replayed afterwards, so whatever
    // the migrations declare comes back unchanged. Indexes behind constraints (primary key,
    // unique (clinic_id, id)) or that a constraint depends on stay in place.
    const secondary = await client.query<{ name: string; def: string }>(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i
       WHERE i.indrelid = 'patients'::regclass
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
         AND NOT EXISTS (SELECT 1 FROM pg_depend d
                         WHERE d.refobjid = i.indexrelid AND d.classid = 'pg_constraint'::regclass)
       ORDER BY 1`,
    );
    for (const index of secondary.rows) await client.query(`DROP INDEX ${index.name}`);

    // g is the global row number (1..total), i the number within the clinic. Rows go in by
    // creation time, so clinics interleave on disk as they would after years of use.
    const createdAt = `timestamptz '2019-01-01 00:00:00+00' + make_interval(secs => ${hashMod('g', 7, 6 * 365 * 86400)})`;
    await step(
      'patients',
      `INSERT INTO patients (id, clinic_id, mrn, given_name, family_name, date_of_birth, sex,
                             phone, email, address_line, city, postal_code, created_at, updated_at)
       SELECT id, clinic_id, mrn, given_name, family_name, date_of_birth, sex,
              phone, lower(given_name) || '.' || lower(replace(family_name, '''', '')) || g || '@example.com',
              address_line, city, postal_code, created_at, created_at
       FROM (
         SELECT g,
                md5('bench-patient-' || g)::uuid AS id,
                p.id AS clinic_id,
                'MRN-' || lpad(i::text, 7, '0') AS mrn,
                ${pick(GIVEN, 1)} AS given_name,
                ${pick(FAMILY, 2)} AS family_name,
                date '1930-01-01' + ${hashMod('g', 3, 33_000)}::int AS date_of_birth,
                CASE WHEN ${hashMod('g', 4, 100)} < 49 THEN 'female'
                     WHEN ${hashMod('g', 4, 100)} < 97 THEN 'male'
                     WHEN ${hashMod('g', 4, 100)} < 99 THEN 'other'
                     ELSE 'unknown' END AS sex,
                CASE WHEN ${hashMod('g', 5, 10)} < 9
                     THEN '+1-555-' || lpad(${hashMod('g', 5, 10_000_000)}::text, 7, '0') END AS phone,
                (1 + ${hashMod('g', 6, 9_999)}) || ' ' || ${pick(STREETS, 8)} || ' Street' AS address_line,
                ${pick(CITIES, 9)} AS city,
                lpad(${hashMod('g', 10, 100_000)}::text, 5, '0') AS postal_code,
                ${createdAt} AS created_at
         FROM bench_plan AS p
         CROSS JOIN LATERAL generate_series(1, p.n) AS i
         CROSS JOIN LATERAL (SELECT p.start + i AS g) AS gg
       ) AS rows
       ORDER BY created_at`,
    );
    await client.query(`SET session_replication_role = origin`);
    const t = performance.now();
    for (const index of secondary.rows) await client.query(index.def);
    console.log(
      `[bench]   ${secondary.rows.length} secondary indexes rebuilt: ` +
        `${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    // VACUUM sets the visibility map and hint bits now, so the measurements do not pay for it.
    await step('vacuum analyze', `VACUUM (ANALYZE) patients, clinics`);
    await step('checkpoint', `CHECKPOINT`);
  } finally {
    await client.end();
  }
}

/** The clinic of the 1,000,000-row export case (bench/cases/csv-export.ts). */
export const MILLION_CLINIC_SLUG = 'bench-million';

/**
 * The million clinic: a copy of every other patient of the bench under one clinic, so 1,000,000
 * at scale 1 (`plan.totalPatients`). Made the first time the CSV export case runs, not by the
 * seed, and then kept (copying a million rows into an indexed table takes minutes); the other
 * cases only read their own clinics, through clinic-led indexes. Ids and MRNs derive from the row
 * number, as the seed's do.
 */
export async function ensureMillionClinic(
  url: string,
  plan: SeedPlan,
): Promise<{ id: string; patients: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const id = `md5('bench-million')::uuid`;
    const { rows } = await client.query<{ id: string; n: number }>(
      `SELECT ${id} AS id, (SELECT count(*)::int FROM patients WHERE clinic_id = ${id}) AS n`,
    );
    const existing = rows[0] as { id: string; n: number };
    if (existing.n === plan.totalPatients) return { id: existing.id, patients: existing.n };
    console.log(
      `[bench]   seeding the million clinic: ${plan.totalPatients.toLocaleString('en-US')} patients`,
    );
    const t = performance.now();
    await client.query('BEGIN');
    await client.query(`SET LOCAL synchronous_commit = off`);
    await client.query(`SET LOCAL session_replication_role = replica`);
    await client.query(`DELETE FROM patients WHERE clinic_id = ${id}`);
    await client.query(
      `INSERT INTO clinics (id, name, slug, timezone, active, created_at, updated_at)
       VALUES (${id}, 'Bench Million Clinic', '${MILLION_CLINIC_SLUG}', 'UTC', true,
               timestamptz '2019-01-01 00:00:00+00', timestamptz '2019-01-01 00:00:00+00')
       ON CONFLICT (id) DO NOTHING`,
    );
    await client.query(
      `INSERT INTO patients (id, clinic_id, mrn, given_name, family_name, date_of_birth, sex,
                             phone, email, address_line, city, postal_code, created_at, updated_at)
       SELECT md5('bench-million-' || rn)::uuid, ${id}, 'MRN-' || lpad(rn::text, 7, '0'),
              given_name, family_name, date_of_birth, sex, phone, email, address_line, city,
              postal_code, created_at, updated_at
       FROM (SELECT p.*, row_number() OVER (ORDER BY p.created_at, p.id) AS rn
             FROM patients p WHERE p.clinic_id <> ${id}) AS everyone
       ORDER BY created_at`,
    );
    await client.query('COMMIT');
    await client.query(`VACUUM (ANALYZE) patients`);
    console.log(`[bench]   million clinic: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return { id: existing.id, patients: plan.totalPatients };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}
