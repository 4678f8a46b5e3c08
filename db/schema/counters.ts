import { bigint, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { tenantTable } from './tenant-table';

/**
 * Per-clinic sequences (e.g. the MRN number). Incremented with one atomic
 * INSERT … ON CONFLICT DO UPDATE … RETURNING, so concurrent onboarding never shares a value.
 */
export const clinicCounters = tenantTable(
  'clinic_counters',
  {
    name: text('name').notNull(),
    value: bigint('value', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('clinic_counters_clinic_name_key').on(t.clinicId, t.name)],
);
