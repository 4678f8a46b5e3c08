import { describe, expect, it } from 'vitest';
import { SEXES } from '@/db/schema';
import { PATIENT_SEXES, formatMrn } from './constants';
import { duplicateReason, isDateTypo, levenshtein, normaliseName } from './duplicates';
import { CONTROL_CHARACTER_MESSAGE } from '@/lib/validation/text';
import { parsePatientListParams, QUERY_MAX_LENGTH, QUERY_TOO_LONG_MESSAGE } from './list-params';
import { parseBirthDate } from './birth-date';
import { planSearch } from './search-terms';
import { patientSearchQuerySchema } from './search-query';

describe('constants', () => {
  it('offers exactly the sexes the database allows', () => {
    expect([...PATIENT_SEXES]).toEqual([...SEXES]);
  });

  it('pads MRN numbers to six digits after the prefix, and grows past them', () => {
    expect(formatMrn('MRN-', 7)).toBe('MRN-000007');
    expect(formatMrn('', 201)).toBe('000201');
    expect(formatMrn('HP-', 1_234_567)).toBe('HP-1234567');
  });
});

describe('duplicate rules', () => {
  const maria = { givenName: 'Maria', familyName: 'Garcia', dateOfBirth: '1980-04-12' };

  it('normalises case, accents, apostrophes and spaces', () => {
    expect(normaliseName("  María  O'Connor ")).toBe('maria oconnor');
    expect(levenshtein('garcia', 'garcai')).toBe(2);
  });

  it.each([
    [{ ...maria }, 'same_name_and_dob'],
    [{ ...maria, givenName: 'MARÍA', familyName: 'garcía' }, 'same_name_and_dob'],
    [{ ...maria, givenName: 'Garcia', familyName: 'Maria' }, 'swapped_names'],
    [{ ...maria, familyName: 'Garcia-Lopez' }, 'similar_name'],
    [{ ...maria, givenName: 'Marie' }, 'similar_name'],
    [{ ...maria, familyName: 'Gracia' }, 'similar_name'],
    [{ ...maria, dateOfBirth: '1980-04-13' }, 'dob_typo'],
    [{ ...maria, dateOfBirth: '1908-04-12' }, 'dob_typo'],
    [{ ...maria, dateOfBirth: '1980-12-04' }, 'dob_typo'],
  ] as const)('%j is a possible duplicate (%s)', (candidate, reason) => {
    expect(duplicateReason(maria, candidate)).toBe(reason);
  });

  it.each([
    { ...maria, givenName: 'Jose' }, // a twin brother: same family name and birthday
    { ...maria, familyName: 'Smith', givenName: 'Anna' },
    { ...maria, dateOfBirth: '1990-06-01' },
    { ...maria, givenName: 'Marta', dateOfBirth: '1980-04-13' },
  ])('%j is not', (candidate) => {
    expect(duplicateReason(maria, candidate)).toBeNull();
  });

  it('knows a typing slip in a date from a different date', () => {
    expect(isDateTypo('1980-04-12', '1980-04-21')).toBe(true);
    expect(isDateTypo('1980-04-12', '1980-04-12')).toBe(false);
    expect(isDateTypo('1980-04-12', '1981-05-12')).toBe(false);
  });
});

describe('planSearch', () => {
  it('plans one word as MRN and name prefixes; MRN prefixes only with a digit', () => {
    expect(planSearch('  gar ')).toEqual({
      whole: 'gar',
      mrn: 'gar',
      mrnPrefix: false,
      splits: [],
      mrnNumber: null,
      phoneDigits: null,
      dateOfBirth: null,
      email: null,
    });
    expect(planSearch('MRN-0001')).toMatchObject({ mrn: 'MRN-0001', mrnPrefix: true });
  });

  it('tries every split of several words, each way round', () => {
    expect(planSearch('Garcia, Maria')?.splits).toEqual([
      { family: 'Garcia', given: 'Maria' },
      { family: 'Maria', given: 'Garcia' },
    ]);
    expect(planSearch('maria de la cruz')?.splits).toContainEqual({
      family: 'de la cruz',
      given: 'maria',
    });
  });

  it('reads digits as an MRN number and, from four digits on, as a phone; no names without letters', () => {
    expect(planSearch('000003')).toMatchObject({
      mrnNumber: 3,
      phoneDigits: '000003',
      whole: null,
    });
    expect(planSearch('3')).toMatchObject({ mrnNumber: 3, phoneDigits: null, splits: [] });
    expect(planSearch('+1 (555) 010-2030')).toMatchObject({
      mrnNumber: null,
      phoneDigits: '15550102030',
      whole: null,
    });
    expect(planSearch('9'.repeat(16))).toMatchObject({ mrnNumber: null });
    expect(planSearch('call 555 0102')).toMatchObject({
      phoneDigits: null,
      whole: 'call 555 0102',
    });
  });

  it('reads a date as a date of birth only, and an e-mail when there is an @', () => {
    expect(planSearch('2001-02-03')).toMatchObject({
      dateOfBirth: '2001-02-03',
      mrn: null,
      mrnNumber: null,
      phoneDigits: null,
    });
    expect(planSearch('Noor@Example')).toMatchObject({
      email: 'noor@example',
      whole: 'Noor@Example',
    });
  });

  it('ignores punctuation-only words and caps the word count', () => {
    expect(planSearch(" ' , ")).toBeNull();
    expect(planSearch('a b c d e f')?.whole).toBe('a b c d');
  });
});

describe('parsePatientListParams', () => {
  it('falls back to defaults for anything invalid, never throws', () => {
    expect(
      parsePatientListParams({
        page: '-3',
        size: '1000',
        sort: 'password_hash',
        dir: 'sideways',
        sex: 'robot',
        dobFrom: '2023-02-30',
        dobTo: 'yesterday',
      }),
    ).toEqual({
      page: 1,
      after: null,
      before: null,
      size: 25,
      sort: 'family',
      dir: 'asc',
      q: '',
      qRefused: null,
      sex: null,
      dobFrom: null,
      dobTo: null,
    });
  });

  it.each(['a\u0000', 'a\tb', '\u001b[31m'])(
    'does not search for text with control characters (%j), and says why',
    (q) => {
      expect(parsePatientListParams({ q })).toMatchObject({
        q: '',
        qRefused: CONTROL_CHARACTER_MESSAGE,
      });
    },
  );

  it('does not cut a search that is too long: it is refused with the reason', () => {
    expect(parsePatientListParams({ q: ` ${'a'.repeat(QUERY_MAX_LENGTH)} ` })).toMatchObject({
      q: 'a'.repeat(QUERY_MAX_LENGTH),
      qRefused: null,
    });
    expect(parsePatientListParams({ q: 'a'.repeat(QUERY_MAX_LENGTH + 1) })).toMatchObject({
      q: '',
      qRefused: QUERY_TOO_LONG_MESSAGE,
    });
  });

  it('keeps valid values, takes the first of repeated keys and trims the query', () => {
    expect(
      parsePatientListParams({
        page: ['3', '9'],
        size: '100',
        sort: 'dob',
        dir: 'desc',
        q: '  maria ',
        sex: 'female',
        dobFrom: '1980-01-01',
        dobTo: '1989-12-31',
      }),
    ).toEqual({
      page: 3,
      after: null,
      before: null,
      size: 100,
      sort: 'dob',
      dir: 'desc',
      q: 'maria',
      qRefused: null,
      sex: 'female',
      dobFrom: '1980-01-01',
      dobTo: '1989-12-31',
    });
  });
});

describe('patientSearchQuerySchema', () => {
  it('defaults the limit to 10 and caps it at 25', () => {
    expect(patientSearchQuerySchema.parse({ q: ' gar ' })).toEqual({ q: 'gar', limit: 10 });
    expect(patientSearchQuerySchema.parse({ q: 'gar', limit: '500' }).limit).toBe(25);
  });

  it.each([
    {},
    { q: '' },
    { q: '   ' },
    { q: 'x'.repeat(101) },
    { q: 'a', limit: '0' },
    { q: 'a', limit: 'ten' },
    { q: 'a', limit: '2.5' },
  ])('rejects %j', (query) => {
    expect(patientSearchQuerySchema.safeParse(query).success).toBe(false);
  });
});

describe('parseBirthDate', () => {
  it.each([
    ['2001-02-03', '2001-02-03'],
    ['2001/2/3', '2001-02-03'],
    ['2001.02.03', '2001-02-03'],
    ['3 Feb 2001', '2001-02-03'],
    ['03-feb-2001', '2001-02-03'],
    ['3 FEBRUARY 2001', '2001-02-03'],
    ['Feb 3 2001', '2001-02-03'],
    ['February 3, 2001', '2001-02-03'],
    ['29 Feb 2000', '2000-02-29'],
  ])('reads %j as %s', (typed, iso) => expect(parseBirthDate(typed)).toBe(iso));

  it.each([
    '02/03/2001',
    '03.02.2001',
    '2001-02-30',
    '0000-01-01',
    '1899-12-31',
    '29 Feb 2001',
    '2001-2',
    '3 Feb 01',
    'Feb 2001',
    'Garcia',
  ])('refuses %j (ambiguous, impossible, too early or no date)', (typed) =>
    expect(parseBirthDate(typed)).toBeNull(),
  );
});
