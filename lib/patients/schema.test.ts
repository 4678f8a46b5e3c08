import { describe, expect, it } from 'vitest';
import { latestDateOnEarth } from './dates';
import { createPatientSchema, updatePatientSchema } from './schema';

const VALID = {
  givenName: 'Maria',
  familyName: 'Garcia',
  dateOfBirth: '1980-04-12',
  sex: 'female',
};

function errorsOf(input: unknown, schema: typeof createPatientSchema = createPatientSchema) {
  const r = schema.safeParse(input);
  if (r.success) return {};
  const out: Record<string, string> = {};
  for (const issue of r.error.issues) out[String(issue.path[0] ?? '_')] ??= issue.message;
  return out;
}

function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('createPatientSchema', () => {
  it('accepts the required fields alone, with optional ones as null and no confirmation', () => {
    expect(createPatientSchema.parse(VALID)).toEqual({
      ...VALID,
      phone: null,
      email: null,
      addressLine: null,
      city: null,
      postalCode: null,
      portalEmail: null,
      confirmDuplicate: false,
    });
  });

  it('trims form strings and turns empty optional fields into null', () => {
    const parsed = createPatientSchema.parse({
      ...VALID,
      givenName: '  Maria ',
      phone: '   ',
      email: ' maria@example.com ',
      city: '',
      portalEmail: '',
    });
    expect(parsed).toMatchObject({
      givenName: 'Maria',
      phone: null,
      email: 'maria@example.com',
      city: null,
      portalEmail: null,
    });
  });

  it('coerces the confirmation from a form string', () => {
    expect(createPatientSchema.parse({ ...VALID, confirmDuplicate: 'true' }).confirmDuplicate).toBe(
      true,
    );
    expect(
      createPatientSchema.parse({ ...VALID, confirmDuplicate: 'false' }).confirmDuplicate,
    ).toBe(false);
  });

  it.each([
    ['givenName', '', 'Enter the given name'],
    ['givenName', '   ', 'Enter the given name'],
    ['familyName', '', 'Enter the family name'],
    ['givenName', 'x'.repeat(101), 'Use at most 100 characters'],
    ['sex', '', 'Choose a sex'],
    ['sex', 'robot', 'Choose a sex'],
    ['email', 'not-an-email', 'Enter a valid email address'],
    ['portalEmail', 'maria@', 'Enter a valid email address'],
    ['phone', 'call me', 'Use digits, spaces and + ( ) - . only'],
    ['phone', '12', 'Enter at least 3 digits'],
    ['phone', '1'.repeat(41), 'Use at most 40 characters'],
    ['postalCode', 'x'.repeat(21), 'Use at most 20 characters'],
    ['addressLine', 'x'.repeat(201), 'Use at most 200 characters'],
  ])('rejects %s = %j', (field, value, message) => {
    expect(errorsOf({ ...VALID, [field]: value })[field]).toBe(message);
  });

  it('accepts names at both ends of the length range', () => {
    expect(errorsOf({ ...VALID, givenName: 'X', familyName: 'y'.repeat(100) })).toEqual({});
  });

  describe('date of birth', () => {
    it.each([
      ['', 'Enter the date of birth'],
      ['12/04/1980', 'Enter the date as YYYY-MM-DD'],
      ['1980-4-12', 'Enter the date as YYYY-MM-DD'],
      ['2023-02-29', 'Enter a date that exists'],
      ['1980-13-01', 'Enter a date that exists'],
      ['1899-12-31', 'Enter a date from 1900 on'],
    ])('rejects %j', (dateOfBirth, message) => {
      expect(errorsOf({ ...VALID, dateOfBirth }).dateOfBirth).toBe(message);
    });

    it('accepts 1900-01-01, a leap day and today', () => {
      for (const dateOfBirth of ['1900-01-01', '2024-02-29', new Date().toISOString().slice(0, 10)])
        expect(errorsOf({ ...VALID, dateOfBirth })).toEqual({});
    });

    it('accepts the latest date anywhere on Earth and rejects the day after', () => {
      const latest = latestDateOnEarth();
      expect(errorsOf({ ...VALID, dateOfBirth: latest })).toEqual({});
      expect(errorsOf({ ...VALID, dateOfBirth: shiftDays(latest, 1) }).dateOfBirth).toBe(
        'The date of birth cannot be in the future',
      );
    });
  });

  it('is strict: a smuggled clinicId, mrn or userId is a validation error', () => {
    for (const extra of ['clinicId', 'mrn', 'userId', 'createdBy']) {
      const r = createPatientSchema.safeParse({ ...VALID, [extra]: 'x' });
      expect(r.success, extra).toBe(false);
    }
  });
});

describe('updatePatientSchema', () => {
  const ID = '5b0a5c1e-8f0e-4a8e-9d55-2f3f4f7e1a01';

  it('is the same fields plus the id', () => {
    expect(updatePatientSchema.parse({ id: ID, ...VALID })).toMatchObject({ id: ID, ...VALID });
  });

  it('needs a uuid id and refuses the onboarding-only confirmation and an MRN', () => {
    expect(updatePatientSchema.safeParse({ ...VALID, id: 'nope' }).success).toBe(false);
    expect(updatePatientSchema.safeParse(VALID).success).toBe(false);
    expect(updatePatientSchema.safeParse({ id: ID, ...VALID, mrn: 'MRN-000001' }).success).toBe(
      false,
    );
    expect(
      updatePatientSchema.safeParse({ id: ID, ...VALID, confirmDuplicate: true }).success,
    ).toBe(false);
  });

  it('validates the fields exactly as onboarding does', () => {
    expect(
      errorsOf({ id: ID, ...VALID, dateOfBirth: '1899-12-31' }, updatePatientSchema as never),
    ).toEqual({
      dateOfBirth: 'Enter a date from 1900 on',
    });
  });
});
