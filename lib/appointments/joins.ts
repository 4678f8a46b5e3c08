import { and, eq, type SQL } from 'drizzle-orm';
import { appointments, clinicMemberships, patients } from '@/db/schema';

/**
 * Join conditions from an appointment to its patient and to its practitioner's membership. Both
 * match on the clinic as well as the id, as the composite foreign keys do, so a join can never
 * reach another clinic's row.
 */
export const appointmentPatient: SQL = and(
  eq(patients.clinicId, appointments.clinicId),
  eq(patients.id, appointments.patientId),
)!;

export const appointmentPractitioner: SQL = and(
  eq(clinicMemberships.clinicId, appointments.clinicId),
  eq(clinicMemberships.id, appointments.practitionerMembershipId),
)!;
