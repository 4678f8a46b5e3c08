import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { patients } from './patients';
import { clinicMemberships } from './system';
import { tenantTable, timestamps } from './tenant-table';

export const APPOINTMENT_STATUSES = ['scheduled', 'completed', 'cancelled', 'no_show'] as const;

export const appointments = tenantTable(
  'appointments',
  {
    patientId: uuid('patient_id').notNull(),
    practitionerMembershipId: uuid('practitioner_membership_id').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: APPOINTMENT_STATUSES }).notNull().default('scheduled'),
    reason: text('reason'),
    /** The booker confirmed a time outside the clinic's working hours (the `working_hours` setting). */
    outsideHours: boolean('outside_hours').notNull().default(false),
    ...timestamps,
  },
  (t) => [
    // Composite keys: an appointment can only point at a patient and a practitioner of its own clinic.
    foreignKey({
      name: 'appointments_patient_fk',
      columns: [t.clinicId, t.patientId],
      foreignColumns: [patients.clinicId, patients.id],
    }),
    foreignKey({
      name: 'appointments_practitioner_fk',
      columns: [t.clinicId, t.practitionerMembershipId],
      foreignColumns: [clinicMemberships.clinicId, clinicMemberships.id],
    }),
    check('appointments_ends_after_start', sql`${t.endsAt} > ${t.startsAt}`),
    // The list's keyset order (starts_at, id), also with a status filter (0017).
    index('appointments_clinic_starts_idx').on(t.clinicId, t.startsAt, t.id),
    index('appointments_clinic_status_starts_idx').on(t.clinicId, t.status, t.startsAt, t.id),
    index('appointments_clinic_patient_idx').on(t.clinicId, t.patientId, t.startsAt),
    index('appointments_clinic_practitioner_idx').on(
      t.clinicId,
      t.practitionerMembershipId,
      t.startsAt,
    ),
  ],
);
