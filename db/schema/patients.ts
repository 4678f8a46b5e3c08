import { sql } from 'drizzle-orm';
import { date, index, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './system';
import { tenantTable, timestamps } from './tenant-table';

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;

export const patients = tenantTable(
  'patients',
  {
    mrn: text('mrn').notNull(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
    sex: text('sex', { enum: SEXES }).notNull(),
    phone: text('phone'),
    email: text('email'),
    addressLine: text('address_line'),
    city: text('city'),
    postalCode: text('postal_code'),
    /** Optional patient-portal account. */
    userId: uuid('user_id').references(() => users.id),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('patients_clinic_mrn_key').on(t.clinicId, t.mrn),
    uniqueIndex('patients_clinic_user_key')
      .on(t.clinicId, t.userId)
      .where(sql`${t.userId} is not null`),
    index('patients_clinic_name_idx').on(t.clinicId, t.familyName, t.givenName, t.id),
    index('patients_clinic_dob_idx').on(t.clinicId, t.dateOfBirth),
    index('patients_clinic_created_idx').on(t.clinicId, t.createdAt),
  ],
);
