/**
 * Applies one random operation (test/property/operations.ts) through a tenant scope and checks
 * the outcome against the model (test/property/model.ts): exactly the rows, counts and refusals
 * that the walls standing in this run promise.
 */
import { eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { appointments, auditEvents, clinicCounters, clinicSettings, exportJobs } from '@/db/schema';
import { tenantDb, type TenantDb } from '@/db/tenant';
import { rejectionMessage } from '@/test/errors';
import {
  crossReferences,
  idOf,
  landing,
  SPECS,
  TENANT_TABLES,
  type ModelRow,
  type World,
} from './model';
import type { Operation, Target } from './operations';
import { ownerRead, read } from './reads';

const ACTIVE = sql`${exportJobs.status} in ('queued', 'running')`;

function insertValues(op: Extract<Operation, { kind: 'insert' }>): Record<string, unknown> {
  switch (op.table) {
    case 'patients':
      return {
        mrn: `P-${crypto.randomUUID()}`,
        givenName: 'Prop',
        familyName: op.familyName,
        dateOfBirth: '2000-01-01',
        sex: 'unknown',
      };
    case 'file_attachments':
      return {
        entityType: 'patient_list',
        entityId: 'property',
        purpose: 'export',
        storageKey: `property/${crypto.randomUUID()}`,
        filename: 'list.csv',
        contentType: 'text/csv',
        size: 1,
      };
    case 'audit_events':
      return { action: 'property.op', outcome: 'success' };
    case 'retention_runs':
      return { mode: 'dry_run', status: op.running ? 'running' : 'done' };
    default:
      throw new Error(`no insert values for ${op.table} (test/property/apply.ts)`);
  }
}

/** A reference target: any clinic's row where the keys stand to refuse it, else the scope's own. */
function referenced(w: World, table: string, to: Target, scope: number): ModelRow | string {
  return w.model.pick(table, crossReferences ? to : { ...to, owner: scope });
}

/** A reference the database must refuse: a missing row, or another clinic's. */
const refused = (target: ModelRow | string, clinic: number) =>
  typeof target === 'string' || target.clinic !== clinic;

async function write(w: World, t: TenantDb, op: Operation): Promise<void> {
  const { model, clinics } = w;
  switch (op.kind) {
    case 'insert': {
      const table = TENANT_TABLES.get(op.table)!;
      const lands = landing(op.clinic, op.smuggle);
      const smuggled = op.smuggle === undefined ? {} : { clinicId: clinics[op.smuggle]!.id };
      const attempt = t.transaction((s) =>
        s.insert(table, { ...insertValues(op), ...smuggled } as never),
      );
      if (lands === null) {
        expect(await rejectionMessage(attempt)).toMatch(/row-level security/);
        return;
      }
      const running = op.table === 'retention_runs' && op.running;
      if (running && model.of(op.table).some((r) => r.clinic === lands && r.running)) {
        expect(await rejectionMessage(attempt)).toMatch(/retention_runs_one_running/);
        return;
      }
      const row = (await attempt) as { id: string; clinicId: string };
      expect(row.clinicId).toBe(clinics[lands]!.id);
      model.add({ table: op.table, id: row.id, clinic: lands, familyName: op.familyName, running });
      return;
    }
    case 'book': {
      const patient = referenced(w, 'patients', op.patient, op.clinic);
      const practitioner = crossReferences ? op.practitioner : op.clinic;
      const startsAt = new Date(Date.UTC(2030, 0, 1) + w.nextSlot++ * 3_600_000);
      const attempt = t.transaction((s) =>
        s.insert(appointments, {
          patientId: idOf(patient),
          practitionerMembershipId: clinics[practitioner]!.practitionerMembershipId,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 30 * 60_000),
        }),
      );
      if (refused(patient, op.clinic) || practitioner !== op.clinic) {
        expect(await rejectionMessage(attempt)).toMatch(/appointments_(patient|practitioner)_fk/);
        return;
      }
      const row = await attempt;
      expect(row.clinicId).toBe(clinics[op.clinic]!.id);
      model.add({ table: 'appointments', id: row.id, clinic: op.clinic, patientId: idOf(patient) });
      return;
    }
    case 'export': {
      const file = op.attachment && referenced(w, 'file_attachments', op.attachment, op.clinic);
      const attempt = t.transaction((s) =>
        s.insertIfAbsent(
          exportJobs,
          {
            kind: 'patients_csv',
            params: {},
            requestKey: op.key,
            attachmentId: file && idOf(file),
          },
          { target: [exportJobs.clinicId, exportJobs.requestKey], where: ACTIVE },
        ),
      );
      const mine = (r: ModelRow) => r.clinic === op.clinic && r.key === op.key && r.active;
      // A conflict means nothing is inserted, so no key is checked either.
      if (model.of('exports').some(mine)) return void expect(await attempt).toBeUndefined();
      if (file && refused(file, op.clinic)) {
        expect(await rejectionMessage(attempt)).toMatch(/exports_attachment_fk/);
        return;
      }
      const row = (await attempt)!;
      expect(row.clinicId).toBe(clinics[op.clinic]!.id);
      const attachmentId = file ? idOf(file) : null;
      model.add({
        table: 'exports',
        id: row.id,
        clinic: op.clinic,
        key: op.key,
        active: true,
        attachmentId,
      });
      return;
    }
    case 'setting': {
      const row = await t.transaction((s) =>
        s.upsert(
          clinicSettings,
          { key: op.key, value: op.value },
          { target: [clinicSettings.clinicId, clinicSettings.key], set: { value: op.value } },
        ),
      );
      const had = model
        .of('clinic_settings')
        .find((r) => r.clinic === op.clinic && r.key === op.key);
      expect([row.clinicId, row.id]).toEqual([clinics[op.clinic]!.id, had?.id ?? row.id]);
      if (!had) model.add({ table: 'clinic_settings', id: row.id, clinic: op.clinic, key: op.key });
      return;
    }
    case 'counter': {
      const row = await t.transaction((s) =>
        s.upsert(
          clinicCounters,
          { name: op.name, value: 1 },
          {
            target: [clinicCounters.clinicId, clinicCounters.name],
            set: { value: sql`${clinicCounters.value} + 1` },
          },
        ),
      );
      const had = model
        .of('clinic_counters')
        .find((r) => r.clinic === op.clinic && r.name === op.name);
      expect([row.clinicId, row.value]).toEqual([clinics[op.clinic]!.id, (had?.value ?? 0) + 1]);
      if (had) had.value = row.value;
      else
        model.add({
          table: 'clinic_counters',
          id: row.id,
          clinic: op.clinic,
          name: op.name,
          value: 1,
        });
      return;
    }
    default:
      return change(w, t, op);
  }
}

/** Updates, deletes and attempts on the audit trail, by id. */
async function change(w: World, t: TenantDb, op: Operation): Promise<void> {
  const { model, clinics } = w;
  switch (op.kind) {
    case 'update': {
      const table = TENANT_TABLES.get(op.table)!;
      const spec = SPECS[op.table]!.update!;
      const target = model.pick(op.table, op.target);
      const rows = await t.transaction((s) =>
        s.update(table, spec.set as never, eq(table.id, idOf(target))),
      );
      const hit = typeof target !== 'string' && model.visible(op.clinic, target) ? target : null;
      expect(rows.map((r) => [r.id, r.clinicId])).toEqual(
        hit ? [[hit.id, clinics[hit.clinic]!.id]] : [],
      );
      if (hit) spec.apply?.(hit);
      return;
    }
    case 'delete':
      return remove(w, t, op);
    case 'tamper': {
      const id = idOf(model.pick('audit_events', op.target));
      const attempt = op.erase
        ? t.transaction((s) => s.delete(auditEvents, eq(auditEvents.id, id)))
        : t.transaction((s) =>
            s.update(auditEvents, { action: 'tampered' }, eq(auditEvents.id, id)),
          );
      expect(await rejectionMessage(attempt)).toMatch(/permission denied/);
      return;
    }
    default:
      return t.transaction((s) => read(w, s, op));
  }
}

async function remove(w: World, t: TenantDb, op: Extract<Operation, { kind: 'delete' }>) {
  const { model } = w;
  const table = TENANT_TABLES.get(op.table)!;
  const target = model.pick(op.table, op.target);
  const id = idOf(target);
  const hit = typeof target !== 'string' && model.visible(op.clinic, target) ? target : null;
  if (
    op.table === 'file_attachments' &&
    hit &&
    model.of('exports').some((e) => e.attachmentId === id)
  ) {
    expect(await rejectionMessage(t.transaction((s) => s.delete(table, eq(table.id, id))))).toMatch(
      /exports_attachment_fk/,
    );
    return;
  }
  // A patient goes with the appointments the scope sees; the keys hold the rest in its clinic.
  const { booked, rows } = await t.transaction(async (s) => ({
    booked:
      op.table === 'patients' ? await s.delete(appointments, eq(appointments.patientId, id)) : [],
    rows: await s.delete(table, eq(table.id, id)),
  }));
  const expectBooked = model
    .of('appointments')
    .filter((a) => a.patientId === id && model.visible(op.clinic, a));
  expect(booked.map((r) => r.id).sort()).toEqual(expectBooked.map((a) => a.id).sort());
  expect(rows.map((r) => r.id)).toEqual(hit ? [id] : []);
  for (const gone of [...expectBooked, ...(hit ? [hit] : [])]) model.rows.delete(gone.id);
}

export async function apply(w: World, op: Operation): Promise<void> {
  if (op.kind === 'ownerRead') return ownerRead(w, op.clinic);
  return write(w, tenantDb(w.clinics[op.clinic]!.id), op);
}
