import { isTimeZone } from '@/lib/timezones';

/** The setting types the definitions table allows (db/schema/system.ts). */
export type SettingType = 'string' | 'integer' | 'timezone' | 'boolean';
export type SettingValue = string | number | boolean;

/** Integer settings are counts and durations: never negative, never absurd. */
export const SETTING_INTEGER_MIN = 0;
export const SETTING_INTEGER_MAX = 1_000_000;
export const SETTING_STRING_MAX = 200;

export type ParsedSettingValue = { ok: true; value: SettingValue } | { ok: false; message: string };

/**
 * Parses a value typed into a form into the JSON value stored for a setting of `type`. Shared by
 * the control plane (definition defaults) and, later, clinic overrides, so both accept the same.
 */
export function parseSettingValue(type: SettingType, raw: string): ParsedSettingValue {
  switch (type) {
    case 'string': {
      const value = raw.trim();
      if (value.length > SETTING_STRING_MAX)
        return { ok: false, message: `Use at most ${SETTING_STRING_MAX} characters.` };
      return { ok: true, value };
    }
    case 'integer': {
      const text = raw.trim();
      if (!/^-?\d+$/.test(text)) return { ok: false, message: 'Enter a whole number.' };
      const value = Number(text);
      if (value < SETTING_INTEGER_MIN || value > SETTING_INTEGER_MAX)
        return {
          ok: false,
          message: `Enter a number from ${SETTING_INTEGER_MIN} to ${SETTING_INTEGER_MAX.toLocaleString('en')}.`,
        };
      return { ok: true, value };
    }
    case 'timezone': {
      const value = raw.trim();
      if (!isTimeZone(value))
        return { ok: false, message: 'Choose an IANA timezone such as Europe/Berlin or UTC.' };
      return { ok: true, value };
    }
    case 'boolean': {
      const text = raw.trim().toLowerCase();
      if (text === 'true' || text === 'on') return { ok: true, value: true };
      if (text === 'false' || text === 'off') return { ok: true, value: false };
      return { ok: false, message: 'Choose on or off.' };
    }
    default: {
      const unknownType: never = type;
      return { ok: false, message: `Unknown setting type ${String(unknownType)}.` };
    }
  }
}

/** A stored (JSON) value as text for a form field. */
export function formatSettingValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
