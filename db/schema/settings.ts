import { text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { jsonValue } from './json-value';
import { settingDefinitions } from './system';
import { tenantTable, timestamps } from './tenant-table';

/** A clinic's override of a system setting; absent means the definition's default applies. */
export const clinicSettings = tenantTable(
  'clinic_settings',
  {
    key: text('key')
      .notNull()
      .references(() => settingDefinitions.key),
    value: jsonValue('value').notNull(),
    updatedBy: uuid('updated_by'),
    ...timestamps,
  },
  (t) => [uniqueIndex('clinic_settings_clinic_key_key').on(t.clinicId, t.key)],
);
