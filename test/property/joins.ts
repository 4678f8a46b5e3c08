/**
 * Hand-built joins through a tenant scope (test/property/operations.ts), each compared with what
 * the model says the scope's clinic holds.
 */
import { and, eq } from 'drizzle-orm';
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
import type { Model } from './model';
import type { Operation } from './operations';

type Pair = [string, string | null];
const sorted = (pairs: Pair[]) => pairs.map((p) => p.join('|')).sort();

export async function applyJoin(
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
