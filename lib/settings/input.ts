/**
 * Input schemas of the clinic settings actions. Plain zod with no server imports, so the settings
 * form validates with exactly the schema the server enforces. Strict: a smuggled `clinicId` or
 * `updatedBy` is a validation error, never trusted.
 */
import { z } from 'zod';
import { text } from '@/lib/validation/text';
import { SETTING_SCHEMAS, type SettingKey } from './catalog';

export const SETTING_KEYS = Object.keys(SETTING_SCHEMAS) as [SettingKey, ...SettingKey[]];

const settingKey = z.enum(SETTING_KEYS, { error: 'Unknown setting' });

export const updateSettingSchema = z
  .object({
    key: settingKey,
    // Form text, or a number from code; the setting's own schema (SETTING_SCHEMAS) decides.
    value: z.union([text().max(1000, 'Use at most 1000 characters'), z.number()]),
  })
  .strict()
  .superRefine((input, ctx) => {
    const result = SETTING_SCHEMAS[input.key].safeParse(input.value);
    if (!result.success) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: result.error.issues[0]?.message ?? 'Enter a valid value',
      });
    }
  });
export type UpdateSettingInput = z.input<typeof updateSettingSchema>;

export const resetSettingSchema = z.object({ key: settingKey }).strict();
export type ResetSettingInput = z.input<typeof resetSettingSchema>;
