import { and, asc, desc, eq, gte, lt } from 'drizzle-orm';
import { appointments, clinicMemberships, users } from '@/db/schema';
import type { TenantScope } from '@/db/tenant';
import { appointmentPractitioner } from '@/lib/appointments/joins';

export interface PatientAppointmentRow {
  id: string;
  startsAt: Date;
  endsAt: Date;
  status: (typeof appointments.$inferSelect)['status'];
  reason: string | null;
  /** Null when the practitioner's user is no longer visible to the clinic. */
  practitionerName: string | null;
}

/**
 * A patient's appointments on one side of `now` (upcoming: soonest first; past: latest first),
 * with the practitioner's name. Shared by the patient record page and the printable summary.
 */
export async function patientAppointmentRows(
  t: TenantScope,
  patientId: string,
  when: 'upcoming' | 'past',
  now: Date,
  limit: number,
): Promise<PatientAppointmentRow[]> {
  const order = when === 'upcoming' ? asc : desc;
  return t
    .from(appointments, {
      id: appointments.id,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      status: appointments.status,
      reason: appointments.reason,
      practitionerName: users.name,
    })
    .leftJoin(clinicMemberships, appointmentPractitioner)
    .leftJoin(users, eq(users.id, clinicMemberships.userId))
    .where(
      and(
        eq(appointments.patientId, patientId),
        when === 'upcoming' ? gte(appointments.startsAt, now) : lt(appointments.startsAt, now),
      ),
    )
    .orderBy(order(appointments.startsAt), asc(appointments.id))
    .limit(limit);
}
