import { z } from 'zod';
import { parseWorkingHours } from '@/lib/appointments/working-hours';
import { text } from '@/lib/validation/text';

/**
 * The settings the code knows, with how each value is validated. The definitions themselves
 * (label, default, whether clinics may override) are system data in `setting_definitions`,
 * seeded by migration and edited only from the control plane.
 */
const timezone = text()
  .trim()
  .refine((tz) => Intl.supportedValuesOf('timeZone').includes(tz) || tz === 'UTC', {
    message: 'Choose a valid IANA timezone, e.g. Europe/London',
  });

export const SETTING_SCHEMAS = {
  display_name: text().trim().max(80, 'Use at most 80 characters'),
  timezone,
  mrn_prefix: text()
    .trim()
    .max(10, 'Use up to 10 capital letters, digits or dashes')
    .regex(/^[A-Z0-9-]{0,10}$/, 'Use up to 10 capital letters, digits or dashes'),
  export_retention_days: z.coerce
    .number({ message: 'Enter a number of days' })
    .int('Enter a whole number')
    .min(1, 'Keep exports at least 1 day')
    .max(3650, 'At most 3650 days (10 years)'),
  exports_keep_latest: z.coerce
    .number({ message: 'Enter a number' })
    .int('Enter a whole number')
    .min(1, 'Keep at least 1 export')
    .max(1000, 'At most 1000'),
  require_mfa: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.union(
      [
        z.boolean(),
        z.enum(['true', 'on']).transform(() => true),
        z.enum(['false', 'off']).transform(() => false),
      ],
      { message: 'Choose on or off' },
    ),
  ),
  // Stored as text; lib/appointments/working-hours.ts reads it, so a value it cannot read is refused.
  working_hours: text()
    .trim()
    .min(1, 'Enter the working hours, e.g. Mon-Fri 08:00-18:00')
    .max(200, 'Use at most 200 characters')
    .superRefine((value, ctx) => {
      const parsed = parseWorkingHours(value);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
    }),
  slot_minutes: z.coerce
    .number({ message: 'Enter a number of minutes' })
    .int('Enter a whole number')
    .min(5, 'At least 5 minutes')
    .max(240, 'At most 240 minutes'),
  time_format: z.enum(['24h', '12h'], { message: 'Choose 24h or 12h' }),
} as const;

export type SettingKey = keyof typeof SETTING_SCHEMAS;
export type SettingValues = { [K in SettingKey]: z.infer<(typeof SETTING_SCHEMAS)[K]> };

export function isSettingKey(key: string): key is SettingKey {
  return key in SETTING_SCHEMAS;
}
