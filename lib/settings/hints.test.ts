import { describe, expect, it } from 'vitest';
import { SETTING_SCHEMAS } from './catalog';
import { settingHint, settingLimits, settingOptions } from './hints';
import { SETTING_KEYS } from './input';

describe('setting hints come from the schemas that check the values', () => {
  it.each(SETTING_KEYS)('%s: the hint states exactly the limits the schema enforces', (key) => {
    const schema = SETTING_SCHEMAS[key];
    const { min, max, maxLength, options } = settingLimits(key);
    const hint = settingHint(key) ?? '';
    if (min !== undefined && max !== undefined) {
      expect(hint).toContain(`${min} to ${max}`);
      expect(schema.safeParse(String(min)).success).toBe(true);
      expect(schema.safeParse(String(max)).success).toBe(true);
      expect(schema.safeParse(String(min - 1)).success).toBe(false);
      expect(schema.safeParse(String(max + 1)).success).toBe(false);
    }
    if (maxLength !== undefined) {
      expect(hint).toContain(`Up to ${maxLength} characters`);
      expect(schema.safeParse('A'.repeat(maxLength + 1)).success).toBe(false);
    }
    for (const option of options ?? []) expect(schema.safeParse(option).success).toBe(true);
  });

  it('no longer promises what the check refuses (99999 days of export retention)', () => {
    expect(settingHint('export_retention_days')).toBe('A whole number of days, 1 to 3650.');
    expect(SETTING_SCHEMAS.export_retention_days.safeParse('99999').success).toBe(false);
  });

  it('offers a choice as a list of options, labelled by example', () => {
    expect(settingOptions('time_format')).toEqual([
      { value: '24h', label: '24-hour (14:30)' },
      { value: '12h', label: '12-hour (2:30 PM)' },
    ]);
    expect(settingOptions('timezone')).toBeUndefined();
  });
});
