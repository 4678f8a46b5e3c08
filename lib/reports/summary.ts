/**
 * What the monthly report counts, for one clinic and one period: new patients, appointments by
 * status and appointments per practitioner. Counts only; the practitioners are staff, named so the
 * clinic can read the report. No patient data leaves the database.
 */
import { text } from 'node:stream/consumers';
import { and, asc, count, eq, gte, lt } from 'drizzle-orm';
import {
  APPOINTMENT_STATUSES,
  appointments,
  clinicMemberships,
  patients,
  users,
} from '@/db/schema';
import type { TenantScope } from '@/db/tenant';
import { csvStream } from '@/lib/exports/csv';
import { appointmentPractitioner } from '@/lib/appointments/joins';

export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export interface MonthlySummary {
  period: string;
  timeZone: string;
  newPatients: number;
  appointments: Record<AppointmentStatus, number>;
  practitioners: { name: string; total: number; byStatus: Record<AppointmentStatus, number> }[];
}

function zeroes(): Record<AppointmentStatus, number> {
  return Object.fromEntries(APPOINTMENT_STATUSES.map((s) => [s, 0])) as Record<
    AppointmentStatus,
    number
  >;
}

/** Counts in `[start, end)`: patients by when they were onboarded, appointments by when they start. */
export async function collectMonthlySummary(
  t: TenantScope,
  meta: { period: string; timeZone: string },
  range: { start: Date; end: Date },
): Promise<MonthlySummary> {
  const [patientRow] = await t
    .from(patients, { n: count() })
    .where(and(gte(patients.createdAt, range.start), lt(patients.createdAt, range.end)));

  const rows = await t
    .from(appointments, {
      membershipId: appointments.practitionerMembershipId,
      name: users.name,
      status: appointments.status,
      n: count(),
    })
    .innerJoin(clinicMemberships, appointmentPractitioner)
    .innerJoin(users, eq(users.id, clinicMemberships.userId))
    .where(and(gte(appointments.startsAt, range.start), lt(appointments.startsAt, range.end)))
    .groupBy(appointments.practitionerMembershipId, users.name, appointments.status)
    .orderBy(asc(users.name), asc(appointments.practitionerMembershipId));

  const byStatus = zeroes();
  const perPractitioner = new Map<string, MonthlySummary['practitioners'][number]>();
  for (const r of rows) {
    byStatus[r.status] += r.n;
    let p = perPractitioner.get(r.membershipId);
    if (!p) {
      p = { name: r.name, total: 0, byStatus: zeroes() };
      perPractitioner.set(r.membershipId, p);
    }
    p.total += r.n;
    p.byStatus[r.status] += r.n;
  }
  return {
    ...meta,
    newPatients: patientRow?.n ?? 0,
    appointments: byStatus,
    practitioners: [...perPractitioner.values()],
  };
}

export const REPORT_COLUMNS = ['section', 'item', ...APPOINTMENT_STATUSES, 'total'] as const;

/**
 * The report as CSV: one row for new patients, one for all appointments, then one per
 * practitioner, each with a column per appointment status. Cells are neutralised (a staff name
 * such as "=cmd" cannot become a formula).
 */
export async function monthlySummaryCsv(
  summary: MonthlySummary,
): Promise<{ csv: Buffer; rows: number }> {
  const stream = csvStream(REPORT_COLUMNS);
  const blank = Object.fromEntries(APPOINTMENT_STATUSES.map((s) => [s, '']));
  const rows: Record<string, unknown>[] = [
    { section: 'period', item: `${summary.period} (${summary.timeZone})`, ...blank, total: '' },
    { section: 'new_patients', item: '', ...blank, total: summary.newPatients },
    {
      section: 'appointments',
      item: 'all practitioners',
      ...summary.appointments,
      total: Object.values(summary.appointments).reduce((a, b) => a + b, 0),
    },
    ...summary.practitioners.map((p) => ({
      section: 'practitioner',
      item: p.name,
      ...p.byStatus,
      total: p.total,
    })),
  ];
  const done = text(stream);
  for (const row of rows) stream.write(row);
  stream.end();
  return { csv: Buffer.from(await done, 'utf8'), rows: rows.length };
}
