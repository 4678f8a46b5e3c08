import { sql, type SQL } from 'drizzle-orm';
import { bigint, date, index, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './system';
import { tenantTable, timestamps } from './tenant-table';

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;

/**
 * The search key of a name or MRN: lower case, common Latin accents folded ("José" → "jose") and
 * apostrophes dropped ("O'Brien" → "obrien"). Used for the stored `*_key` columns AND applied to
 * the query text in SQL, so both sides always agree. Every function in it is immutable, as a
 * generated column requires.
 */
export function searchKey(value: SQL): SQL {
  return sql`lower(translate(${value}, 'ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿ''’', 'aaaaaaaaaaaacceeeeeeeeiiiiiiiinnoooooooooooouuuuuuuuyyy'))`;
}

/**
 * An index/search expression over a key column in the "C" collation: byte order, so a prefix
 * is exactly the range [prefix, prefix || U+10FFFF). Text comparison operators are leakproof, so
 * Postgres may use such ranges as index conditions even under row-level security (where ILIKE or
 * a trigram match cannot be pushed into the index).
 */
export function inC(value: SQL.Aliased | SQL | { getSQL(): SQL }): SQL {
  return sql`(${value} collate "C")`;
}

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
    /** Search keys (see searchKey): maintained by Postgres, never written by the application. */
    familyNameKey: text('family_name_key')
      .notNull()
      .generatedAlwaysAs(searchKey(sql`"family_name"`)),
    givenNameKey: text('given_name_key')
      .notNull()
      .generatedAlwaysAs(searchKey(sql`"given_name"`)),
    mrnKey: text('mrn_key')
      .notNull()
      .generatedAlwaysAs(searchKey(sql`"mrn"`)),
    /**
     * The MRN's trailing number ("MRN-000003" → 3), so "3" or "000003" finds it whatever the
     * prefix. At most 18 digits are read, so the cast can never overflow a bigint.
     */
    mrnNumber: bigint('mrn_number', { mode: 'number' }).generatedAlwaysAs(
      sql`(substring("mrn" from '[0-9]{1,18}$'))::bigint`,
    ),
    /** The phone's digits ("+1 (555) 010-2030" → "15550102030"): found however it is typed. */
    phoneDigits: text('phone_digits').generatedAlwaysAs(
      sql`regexp_replace("phone", '[^0-9]', '', 'g')`,
    ),
    /** The same digits reversed: a suffix search (the number without its country code). */
    phoneDigitsReversed: text('phone_digits_reversed').generatedAlwaysAs(
      sql`reverse(regexp_replace("phone", '[^0-9]', '', 'g'))`,
    ),
    emailKey: text('email_key').generatedAlwaysAs(sql`lower("email")`),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('patients_clinic_mrn_key').on(t.clinicId, t.mrn),
    uniqueIndex('patients_clinic_user_key')
      .on(t.clinicId, t.userId)
      .where(sql`${t.userId} is not null`),
    index('patients_clinic_name_idx').on(t.clinicId, t.familyName, t.givenName, t.id),
    // Search (prefix ranges) and the list's name sorts, both in key order.
    index('patients_clinic_family_key_idx').on(
      t.clinicId,
      inC(t.familyNameKey),
      inC(t.givenNameKey),
      t.id,
    ),
    index('patients_clinic_given_key_idx').on(
      t.clinicId,
      inC(t.givenNameKey),
      inC(t.familyNameKey),
      t.id,
    ),
    index('patients_clinic_mrn_search_idx').on(t.clinicId, inC(t.mrnKey), t.id),
    // The other search kinds: MRN number, phone digits (both ends), e-mail prefix.
    index('patients_clinic_mrn_number_idx').on(t.clinicId, t.mrnNumber, t.id),
    index('patients_clinic_phone_idx').on(t.clinicId, inC(t.phoneDigits), t.id),
    index('patients_clinic_phone_reversed_idx').on(t.clinicId, inC(t.phoneDigitsReversed), t.id),
    index('patients_clinic_email_key_idx').on(t.clinicId, inC(t.emailKey), t.id),
    index('patients_clinic_dob_idx').on(t.clinicId, t.dateOfBirth, t.id),
    index('patients_clinic_created_idx').on(t.clinicId, t.createdAt, t.id),
    // The list's sex filter counted from the index alone, up to its cap (0017).
    index('patients_clinic_sex_idx').on(t.clinicId, t.sex, t.id),
  ],
);
