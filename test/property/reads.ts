/**
 * The reads of db/tenant-property.int.test.ts, each compared with what the model says the scope
 * may see: by id, pages, counts, hand-built joins through the scope, the trigger-kept patient
 * total, and the owner's own read (past the scope, where only FORCE ROW LEVEL SECURITY holds).
 */
import { and, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { expect } from 'vitest';
import {
  appointments,
  clinicSettings,
  exportJobs,
  fileAttachments,
  patients,
  settingDefinitions,
} from '@/db/schema';
import type { TenantScope } from '@/db/tenant';
import { appointmentPatient } from '@/lib/appointments/joins';
import { readCounter } from '@/lib/counters';
import { PATIENTS_TOTAL_COUNTER } from '@/lib/patients/constants';
import { idOf, SPECS, TENANT_TABLES, type Model, type ModelRow, type World } from './model';
import type { Operation } from './operations';

type Pair = [string, string | null];
const sorted = (pairs: Pair[]) => pairs.map((p) => p.join('|')).sort();

async function applyJoin(
  model: Model,
  settingKeys: string[],
  s: TenantScope,
  op: Extract<Operation, { kind: 'join' }>,
): Promise<void> {
  const seen = (table: string) => model.seen(op.clinic, table);
  let got: Pair[];
  let want: Pair[];
  switch (op.join) {
    case 'twins': {
      // Namesakes, on a condition that says nothing of the clinic: every clinic shares the names.
      const twin = alias(patients, 'twin');
      const rows = await s
        .from(patients, { p: patients.id, q: twin.id })
        .innerJoin(twin, eq(twin.familyName, patients.familyName));
      got = rows.map((r) => [r.p, r.q]);
      const mine = seen('patients');
      want = mine.flatMap((p) =>
        mine.filter((q) => q.familyName === p.familyName).map((q): Pair => [p.id, q.id]),
      );
      break;
    }
    case 'appointmentPatients': {
      const rows = await s
        .from(appointments, { a: appointments.id, p: patients.id })
        .leftJoin(patients, appointmentPatient);
      got = rows.map((r) => [r.a, r.p]);
      want = seen('appointments').map((a) => [a.id, a.patientId!]);
      break;
    }
    case 'exportFiles': {
      const rows = await s
        .from(exportJobs, { e: exportJobs.id, f: fileAttachments.id })
        .leftJoin(
          fileAttachments,
          and(
            eq(fileAttachments.clinicId, exportJobs.clinicId),
            eq(fileAttachments.id, exportJobs.attachmentId),
          ),
        );
      got = rows.map((r) => [r.e, r.f]);
      want = seen('exports').map((e) => [e.id, e.attachmentId ?? null]);
      break;
    }
    case 'settings': {
      // System definitions left-joined to the clinic's overrides, as resolveSettings reads them.
      const rows = await s
        .from(settingDefinitions, { key: settingDefinitions.key, id: clinicSettings.id })
        .leftJoin(clinicSettings, eq(clinicSettings.key, settingDefinitions.key));
      got = rows.map((r) => [r.key, r.id]);
      const overrides = seen('clinic_settings');
      want = settingKeys.flatMap((key) => {
        const mine = overrides.filter((o) => o.key === key);
        return mine.length ? mine.map((o): Pair => [key, o.id]) : [[key, null]];
      });
      break;
    }
  }
  expect(sorted(got)).toEqual(sorted(want));
}

export async function read(w: World, s: TenantScope, op: Operation): Promise<void> {
  const { model, clinics } = w;
  const asPairs = (rows: ModelRow[]) => rows.map((r) => [r.id, clinics[r.clinic]!.id]);
  switch (op.kind) {
    case 'find': {
      const table = TENANT_TABLES.get(op.table)!;
      const target = model.pick(op.table, op.target);
      const row = await s.findById(table, idOf(target));
      const hit = typeof target !== 'string' && model.visible(op.clinic, target);
      expect(row ? [[row.id, row.clinicId]] : []).toEqual(hit ? asPairs([target]) : []);
      return;
    }
    case 'list': {
      const table = TENANT_TABLES.get(op.table)!;
      const rows = await s.list(table, {
        where: SPECS[op.table]!.untracked,
        orderBy: [table.id],
        limit: op.limit,
        offset: op.offset,
      });
      const seen = model.seen(op.clinic, op.table).slice(op.offset, op.offset + op.limit);
      expect(rows.map((r) => [r.id, r.clinicId])).toEqual(asPairs(seen));
      return;
    }
    case 'count': {
      const table = TENANT_TABLES.get(op.table)!;
      const n = await s.count(table, SPECS[op.table]!.untracked);
      expect(n).toBe(model.seen(op.clinic, op.table).length);
      return;
    }
    case 'join':
      return applyJoin(model, w.settingKeys, s, op);
    case 'total':
      expect(await readCounter(s, PATIENTS_TOTAL_COUNTER)).toBe(
        model.seen(op.clinic, 'patients').length,
      );
      return;
    default:
      throw new Error(`unhandled operation ${op.kind}`);
  }
}

/** The owner with the clinic set, past the tenant scope: FORCE ROW LEVEL SECURITY binds it. */
export async function ownerRead(w: World, clinic: number): Promise<void> {
  const seen = await w.owner.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.clinic_id', ${w.clinics[clinic]!.id}, true)`);
    const out: Record<string, string[]> = {};
    for (const [name, table] of TENANT_TABLES) {
      const rows = await tx
        .select({ clinicId: table.clinicId, n: sql<number>`count(*)::int` })
        .from(table)
        .where(SPECS[name]!.untracked)
        .groupBy(table.clinicId);
      out[name] = rows.flatMap((r) => Array<string>(r.n).fill(r.clinicId as string));
    }
    return out;
  });
  for (const name of TENANT_TABLES.keys())
    expect(seen[name], name).toEqual(w.model.seen(clinic, name).map(() => w.clinics[clinic]!.id));
}
