import { describe, expect, it } from 'vitest';
import { isTimeZone, listTimeZones } from '@/lib/timezones';
import { formatSettingValue, parseSettingValue } from './value';

describe('setting values are validated by the definition type', () => {
  it.each([
    ['integer', '90', { ok: true, value: 90 }],
    ['integer', ' 0 ', { ok: true, value: 0 }],
    ['integer', '1000000', { ok: true, value: 1_000_000 }],
    ['integer', '1000001', { ok: false }],
    ['integer', '-1', { ok: false }],
    ['integer', '1.5', { ok: false }],
    ['integer', 'ninety', { ok: false }],
    ['integer', '', { ok: false }],
    ['string', '  MRN-  ', { ok: true, value: 'MRN-' }],
    ['string', '', { ok: true, value: '' }],
    ['string', 'x'.repeat(201), { ok: false }],
    ['timezone', 'Europe/Berlin', { ok: true, value: 'Europe/Berlin' }],
    ['timezone', 'UTC', { ok: true, value: 'UTC' }],
    ['timezone', 'Mars/Olympus_Mons', { ok: false }],
    ['timezone', '', { ok: false }],
  ] as const)('%s %j', (type, raw, expected) => {
    expect(parseSettingValue(type, raw)).toMatchObject(expected);
  });

  it('knows the IANA zones, with UTC first', () => {
    expect(listTimeZones()[0]).toBe('UTC');
    expect(listTimeZones().length).toBeGreaterThan(300);
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('america/new_york')).toBe(false);
  });

  it('formats stored JSON values for a form field', () => {
    expect(formatSettingValue('MRN-')).toBe('MRN-');
    expect(formatSettingValue(90)).toBe('90');
  });
});
