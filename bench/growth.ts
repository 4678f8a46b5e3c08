/**
 * What the data costs on disk as it grows (docs/scaling.md): on a bench database (bench/seed.ts,
 * the same one `npm run bench` uses), adds appointments and audit events in the shapes the app
 * writes, then prints per table the rows, heap and index bytes, and bytes per row, with each
 * index's size. Nothing here is timed.
 *
 *   npx tsx bench/growth.ts --scale=0.01 --database=clinic_bench_growth
 *
 * Appointments: APPOINTMENTS_PER_PATIENT per patient, in 30-minute slots spread over three
 * practitioners per clinic (so the no-overlap constraint holds). Audit events: one per
 * appointment, shaped like a `patient.view` row (ids, outcome, address, request id, no PHI).
 * Both are bench parameters, not observed usage: the doc multiplies the measured bytes per row by
 * the volumes it states.
 */
import pg from 'pg';
import { adminTarget, prepareDatabase } from './database';
import { parseOptions } from './options';

const APPOINTMENTS_PER_PATIENT = 3;
const PRACTITIONERS_PER_CLINIC = 3;

const GROWN_TABLES = ['patients', 'appointments', 'audit_events', 'clinics', 'clinic_counters'];

async function addAppointmentsAndAudit(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ n: string }>('select count(*) as n from appointments');
  if (Number(rows[0]?.n) > 0) return;
  console.log('[growth] adding practitioners, appointments and audit events');
  await client.query('BEGIN');
  await client.query(
    `INSERT INTO users (id, email, name, password_hash)
     SELECT md5('bench-practitioner-' || c.id || '-' || k)::uuid,
            'practitioner' || k || '.' || c.slug || '@bench.test', 'Dr. Bench ' || k, 'x'
     FROM clinics c CROSS JOIN generate_series(1, $1) AS k`,
    [PRACTITIONERS_PER_CLINIC],
  );
  await client.query(
    `INSERT INTO clinic_memberships (id, clinic_id, user_id, role_id)
     SELECT md5('bench-membership-' || u.id)::uuid, c.id, u.id, 'doctor'
     FROM clinics c JOIN users u ON u.email LIKE '%.' || c.slug || '@bench.test'`,
  );
  // Appointment k of a clinic goes to practitioner k % 3 in half-hour slot k / 3, so none overlap;
  // inserted by time, so clinics interleave on disk as they do in use.
  await client.query(
    `INSERT INTO appointments (clinic_id, patient_id, practitioner_membership_id, starts_at,
                               ends_at, status, reason, created_at, updated_at)
     SELECT a.clinic_id, a.patient_id, m.id, a.starts_at, a.starts_at + interval '30 minutes',
            CASE WHEN a.k % 10 = 0 THEN 'cancelled' ELSE 'completed' END,
            CASE WHEN a.k % 2 = 0 THEN 'Follow-up visit' END, a.starts_at, a.starts_at
     FROM (
       SELECT clinic_id, patient_id, k,
              timestamptz '2019-01-01 08:00:00+00' + make_interval(mins => 30 * (k / $2)) AS starts_at
       FROM (
         SELECT p.clinic_id, p.id AS patient_id,
                (row_number() OVER (PARTITION BY p.clinic_id ORDER BY p.id, r) - 1)::int AS k
         FROM patients p CROSS JOIN generate_series(1, $1) AS r
       ) numbered
     ) a
     JOIN (
       SELECT id, clinic_id, (row_number() OVER (PARTITION BY clinic_id ORDER BY id) - 1)::int AS n
       FROM clinic_memberships
     ) m ON m.clinic_id = a.clinic_id AND m.n = a.k % $2
     ORDER BY a.starts_at, a.clinic_id`,
    [APPOINTMENTS_PER_PATIENT, PRACTITIONERS_PER_CLINIC],
  );
  await client.query(
    `INSERT INTO audit_events (clinic_id, occurred_at, actor_user_id, action, entity_type,
                               entity_id, outcome, ip, request_id)
     SELECT a.clinic_id, a.created_at, m.user_id, 'patient.view', 'patient', a.patient_id::text,
            'success', inet '203.0.113.7', gen_random_uuid()::text
     FROM appointments a JOIN clinic_memberships m ON m.id = a.practitioner_membership_id`,
  );
  await client.query('COMMIT');
  await client.query(`VACUUM (ANALYZE) ${GROWN_TABLES.join(', ')}`);
}

interface TableSize {
  table: string;
  rows: number;
  heap: number;
  indexes: number;
}

async function sizes(client: pg.Client): Promise<{ tables: TableSize[]; indexes: string[][] }> {
  const tables: TableSize[] = [];
  for (const table of GROWN_TABLES) {
    const { rows } = await client.query<{ rows: string; heap: string; indexes: string }>(
      `select (select count(*) from ${table}) as rows,
              pg_table_size('${table}') as heap, pg_indexes_size('${table}') as indexes`,
    );
    const r = rows[0]!;
    tables.push({ table, rows: Number(r.rows), heap: Number(r.heap), indexes: Number(r.indexes) });
  }
  const { rows } = await client.query<{ table: string; index: string; bytes: string }>(
    `select c.relname as table, i.relname as index, pg_relation_size(i.oid) as bytes
     from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class c on c.oid = x.indrelid
     where c.relname = any($1) order by c.relname, pg_relation_size(i.oid) desc`,
    [GROWN_TABLES],
  );
  return { tables, indexes: rows.map((r) => [r.table, r.index, r.bytes]) };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const db = await prepareDatabase(adminTarget(), options.database, options.scale, options.fresh);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await addAppointmentsAndAudit(client);
    const { tables, indexes } = await sizes(client);
    console.log(
      `\nscale ${options.scale}: ${db.plan.totalPatients} patients, ${db.plan.clinics} clinics`,
    );
    console.log('| table | rows | heap bytes | index bytes | heap B/row | index B/row |');
    console.log('|---|--:|--:|--:|--:|--:|');
    for (const t of tables) {
      const per = (b: number) => (t.rows ? (b / t.rows).toFixed(0) : '–');
      console.log(
        `| ${t.table} | ${t.rows} | ${t.heap} | ${t.indexes} | ${per(t.heap)} | ${per(t.indexes)} |`,
      );
    }
    console.log('\n| table | index | bytes | B/row |');
    console.log('|---|---|--:|--:|');
    for (const [table, index, bytes] of indexes) {
      const rows = tables.find((t) => t.table === table)?.rows ?? 0;
      console.log(
        `| ${table} | ${index} | ${bytes} | ${rows ? (Number(bytes) / rows).toFixed(0) : '–'} |`,
      );
    }
    const { rows: years } = await client.query<{ per_year: string; big_per_year: string }>(
      `select round(percentile_cont(0.5) within group (order by n / span)) as per_year,
              round(max(n / span)) as big_per_year
       from (select clinic_id, count(*)::numeric as n,
                    greatest(extract(epoch from max(created_at) - min(created_at)) / 31557600, 1) as span
             from patients group by clinic_id) s`,
    );
    console.log(
      `\npatients added per clinic per year: median ${years[0]?.per_year}, biggest ${years[0]?.big_per_year}`,
    );
  } finally {
    await client.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
