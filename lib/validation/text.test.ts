import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { bookAppointmentSchema } from '@/lib/appointments/schemas';
import { createClinicSchema, updateSettingDefinitionSchema } from '@/lib/control/schemas';
import { createUserSchema } from '@/lib/control/user-schemas';
import { staffSearchQuerySchema } from '@/lib/data/staff';
import { patientsCsvInputSchema } from '@/lib/exports/params';
import { createPatientSchema } from '@/lib/patients/schema';
import { patientSearchQuerySchema } from '@/lib/patients/search-query';
import { updateSettingSchema } from '@/lib/settings/input';
import {
  BROKEN_TEXT_MESSAGE,
  CONTROL_CHARACTER_MESSAGE,
  MULTILINE_CONTROL_CHARACTER_MESSAGE,
  multilineText,
  text,
} from './text';

const CONTROLS = ['\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085'];
const LINES = ['\t', '\n', '\r'];

describe('text()', () => {
  it.each([...CONTROLS, ...LINES])('refuses %j inside a single line', (c) => {
    const result = text().safeParse(`a${c}b`);
    expect(result.error?.issues.map((i) => i.message)).toEqual([CONTROL_CHARACTER_MESSAGE]);
  });

  it.each(['Zoë Ångström', "O'Brien-Smith", '王小明', 'محمد', '🙂', '%00', '\\0', ''])(
    'accepts ordinary text %j',
    (value) => {
      expect(text().parse(value)).toBe(value);
    },
  );

  it('chains like z.string(): trim, min and max still apply', () => {
    const name = text('Enter a name').trim().min(1, 'Enter a name').max(3, 'Too long');
    expect(name.parse('  ab ')).toBe('ab');
    expect(name.safeParse('abcd').error?.issues[0]?.message).toBe('Too long');
    expect(name.safeParse(42).error?.issues[0]?.message).toBe('Enter a name');
  });
});

describe('multilineText()', () => {
  it.each(LINES)('keeps %j, which a textarea holds', (c) => {
    expect(multilineText().parse(`line one${c}line two`)).toBe(`line one${c}line two`);
  });

  it.each(CONTROLS)('refuses %j', (c) => {
    expect(multilineText().safeParse(`a${c}b`).error?.issues[0]?.message).toBe(
      MULTILINE_CONTROL_CHARACTER_MESSAGE,
    );
  });
});

const patient = { givenName: 'Ann', familyName: 'Lee', dateOfBirth: '1980-01-01', sex: 'female' };
const uuid = '00000000-0000-4000-8000-000000000000';
const booking = {
  patientId: uuid,
  practitionerMembershipId: uuid,
  date: '2030-01-01',
  startTime: '09:30',
  durationMinutes: 30,
};

/** Every schema that takes user text, with a valid input and each of its text fields. */
const USER_TEXT_SCHEMAS: [string, z.ZodType, Record<string, unknown>, string[]][] = [
  [
    'createPatientSchema',
    createPatientSchema,
    patient,
    [
      'givenName',
      'familyName',
      'dateOfBirth',
      'phone',
      'email',
      'addressLine',
      'city',
      'postalCode',
      'portalEmail',
    ],
  ],
  ['bookAppointmentSchema', bookAppointmentSchema, booking, ['date', 'startTime', 'reason']],
  [
    'createClinicSchema',
    createClinicSchema,
    { name: 'Clinic', slug: 'clinic', timezone: 'UTC' },
    ['name', 'slug', 'timezone'],
  ],
  [
    'createUserSchema',
    createUserSchema,
    { email: 'a@b.test', name: 'A', password: 'a long enough passphrase' },
    ['email', 'name', 'password'],
  ],
  [
    'updateSettingDefinitionSchema',
    updateSettingDefinitionSchema,
    { key: 'display_name', value: 'x', clinicOverridable: true },
    ['key', 'value'],
  ],
  ['updateSettingSchema', updateSettingSchema, { key: 'display_name', value: 'x' }, ['value']],
  ['patientSearchQuerySchema', patientSearchQuerySchema, { q: 'ann' }, ['q']],
  ['staffSearchQuerySchema', staffSearchQuerySchema, {}, ['q']],
  ['patientsCsvInputSchema', patientsCsvInputSchema, {}, ['q']],
];

describe('every schema that takes user text refuses a NUL byte in each text field', () => {
  const cases = USER_TEXT_SCHEMAS.flatMap(([name, schema, valid, fields]) =>
    fields.map((field) => [name, field, schema, valid] as const),
  );
  // Async: the create-user schema's password check loads its dictionaries on first use.
  it.each(cases)('%s.%s', async (_name, field, schema, valid) => {
    expect((await schema.safeParseAsync(valid)).success).toBe(true);
    const result = await schema.safeParseAsync({ ...valid, [field]: 'a\u0000' });
    expect(result.success).toBe(false);
    const messages = result.error?.issues.filter((i) => i.path[0] === field).map((i) => i.message);
    expect(messages?.some((m) => /control characters/.test(m))).toBe(true);
  });
});

describe('every schema that takes user text refuses half a surrogate pair in each text field', () => {
  // Only scripts send these; Postgres refuses them in jsonb (a 500 before), and text columns
  // would keep U+FFFD instead. Found by test/endpoint-fuzz.int.test.ts.
  const cases = USER_TEXT_SCHEMAS.flatMap(([name, schema, valid, fields]) =>
    fields.map((field) => [name, field, schema, valid] as const),
  );
  it.each(cases)('%s.%s', async (_name, field, schema, valid) => {
    const result = await schema.safeParseAsync({ ...valid, [field]: 'a\ud800' });
    const messages = result.error?.issues.filter((i) => i.path[0] === field).map((i) => i.message);
    expect(messages).toContain(BROKEN_TEXT_MESSAGE);
  });
});

describe('lone surrogates', () => {
  it.each(['\ud800', 'a\udfffb', '\udc00\ud800'])('text() and multilineText() refuse %j', (v) => {
    expect(
      text()
        .safeParse(v)
        .error?.issues.map((i) => i.message),
    ).toEqual([BROKEN_TEXT_MESSAGE]);
    expect(
      multilineText()
        .safeParse(v)
        .error?.issues.map((i) => i.message),
    ).toEqual([BROKEN_TEXT_MESSAGE]);
  });

  it('keeps whole pairs: emoji and letters beyond the first plane', () => {
    expect(text().parse('😀 𝕏 𠀋')).toBe('😀 𝕏 𠀋');
  });
});
