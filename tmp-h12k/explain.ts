// Throwaway (not committed): capture listPatients' SQL and EXPLAIN it as the tenant role.
import pg from 'pg';
import { allowServerOnly } from '../bench/server-only';

const captured: { text: string; values: unknown[] }[] = [];
const orig = pg.Client.prototype.query as (...a: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: unknown }).query = function (this: unknown, ...args: unknown[]) {
  const q = args[0] as { text?: string; values?: unknown[] } | string;
  if (typeof q === 'object' && q?.text) captured.push({ text: q.text, values: q.values ?? (args[1] as unknown[]) ?? [] });
  else if (typeof q === 'string') captured.push({ text: q, values: (args[1] as unknown[]) ?? [] });
  return orig.apply(this, args);
};

async function main() {
  allowServerOnly();
  const { tenantDb } = await import('@/db/tenant');
  const { listPatients } = await import('@/lib/data/patient-list');
  const { listAppointments } = await import('@/lib/data/appointments');
  const { listAuditEvents } = await import('@/lib/data/audit');
  const { parsePatientListParams } = await import('@/lib/patients/list-params');
  const { DEFAULT_AUDIT_QUERY } = await import('@/lib/audit/query');
  const clinic = process.argv[2] as string;
  const url = process.env.DATABASE_URL as string;
  const db = { db: tenantDb(clinic) };
  const cases: [string, () => Promise<{ pager: { lastId: string | null } }>, (id: string) => Promise<unknown>][] = [
    ['patients family', () => listPatients(db, parsePatientListParams({})), (id) => listPatients(db, parsePatientListParams({ after: id, page: '2' }))],
    ['patients mrn desc', () => listPatients(db, parsePatientListParams({ sort: 'mrn', dir: 'desc' })), (id) => listPatients(db, parsePatientListParams({ sort: 'mrn', dir: 'desc', before: id, page: '3' }))],
    ['patients sex', () => listPatients(db, parsePatientListParams({ sex: 'female' })), (id) => listPatients(db, parsePatientListParams({ sex: 'female', after: id, page: '2' }))],
    ['patients q gar', () => listPatients(db, parsePatientListParams({ q: 'gar' })), (id) => listPatients(db, parsePatientListParams({ q: 'gar', after: id, page: '2' }))],
    ['appointments', () => listAppointments(db, { from: '2020-01-01', to: '2030-12-31' }), (id) => listAppointments(db, { from: '2020-01-01', to: '2030-12-31', after: id, page: 2 })],
    ['audit', () => listAuditEvents(db, DEFAULT_AUDIT_QUERY), (id) => listAuditEvents(db, { ...DEFAULT_AUDIT_QUERY, cursor: { after: id }, page: 2 })],
  ];
  const explainer = new pg.Client({ connectionString: url });
  await explainer.connect();
  for (const [name, first, second] of cases) {
    const page = await first();
    if (!page.pager.lastId) { console.log(name, 'no next'); continue; }
    captured.length = 0;
    await second(page.pager.lastId);
    const reads = captured.filter((c) => /^select/i.test(c.text) && /order by/i.test(c.text) || /count\(/i.test(c.text));
    for (const r of reads) {
      await orig.call(explainer, 'begin');
      await orig.call(explainer, `select set_config('role', 'clinic_app_tenant', true), set_config('app.clinic_id', '${clinic}', true)`);
      const res = (await orig.call(explainer, `explain (analyze, buffers, costs off) ${r.text}`, r.values)) as { rows: { 'QUERY PLAN': string }[] };
      await orig.call(explainer, 'rollback');
      console.log(`\n=== ${name}: ${r.text.slice(0, 60)}…`);
      console.log(res.rows.map((x) => x['QUERY PLAN']).join('\n'));
    }
  }
  await explainer.end();
  process.exit(0);
}
void (async () => { const c = new pg.Client({ connectionString: process.env.DATABASE_URL }); await c.connect(); await c.end(); })();
main().catch((e) => { console.error(e); process.exit(1); });
