import { patients, type SEXES } from '../schema';
import type { TenantInsert } from '../tenant';
import {
  FAMILY_NAMES,
  FEMALE_GIVEN_NAMES,
  MALE_GIVEN_NAMES,
  STREET_NAMES,
  STREET_SUFFIXES,
  type Place,
} from './names';
import type { SeededRandom } from './random';

type Sex = (typeof SEXES)[number];
export type NewPatient = TenantInsert<typeof patients>;

/** Who a clinic sees: ages, where they live, which phone area codes they have. */
export interface PatientProfile {
  ageBands: readonly (readonly [minAge: number, maxAge: number, weight: number])[];
  places: readonly Place[];
  areaCodes: readonly string[];
}

/** The identity that recurs across clinics: same full name and date of birth. */
export interface Person {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: Sex;
}

/**
 * Dates of birth count back from a fixed day rather than today, so the generated patients are
 * identical on every run.
 */
const BIRTH_REFERENCE_UTC = Date.UTC(2026, 0, 1);
const DAY_MS = 86_400_000;

function randomPerson(rng: SeededRandom, profile: Pick<PatientProfile, 'ageBands'>): Person {
  const sex = rng.weighted<Sex>([
    ['female', 49],
    ['male', 48],
    ['other', 2],
    ['unknown', 1],
  ]);
  const givenPool =
    sex === 'female'
      ? FEMALE_GIVEN_NAMES
      : sex === 'male'
        ? MALE_GIVEN_NAMES
        : rng.pick([FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES]);
  const [minAge, maxAge] = rng.weighted(profile.ageBands.map((b) => [[b[0], b[1]], b[2]] as const));
  const ageDays = rng.int(minAge * 365, maxAge * 365 + 364);
  return {
    givenName: rng.pick(givenPool),
    familyName: rng.pick(FAMILY_NAMES),
    dateOfBirth: new Date(BIRTH_REFERENCE_UTC - ageDays * DAY_MS).toISOString().slice(0, 10),
    sex,
  };
}

export function generatePeople(
  rng: SeededRandom,
  count: number,
  profile: Pick<PatientProfile, 'ageBands'>,
): Person[] {
  return Array.from({ length: count }, () => randomPerson(rng, profile));
}

/** "José O'Brien" becomes "jose.obrien": e-mail local parts stay plain ASCII. */
function emailSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Contact details for a person. 555-01xx numbers and example.* domains are reserved as fictional. */
function withContact(rng: SeededRandom, person: Person, profile: PatientProfile, n: number) {
  const place = rng.pick(profile.places);
  const apartment = rng.chance(0.2)
    ? `, Apt ${rng.int(1, 24)}${rng.pick(['A', 'B', 'C', 'D'])}`
    : '';
  const domain = rng.pick(['example.com', 'example.org', 'example.net']);
  return {
    ...person,
    phone: rng.chance(0.95)
      ? `(${rng.pick(profile.areaCodes)}) 555-01${String(rng.int(0, 99)).padStart(2, '0')}`
      : null,
    email: rng.chance(0.75)
      ? `${emailSlug(person.givenName)}.${emailSlug(person.familyName)}${n}@${domain}`
      : null,
    addressLine: `${rng.int(1, 9800)} ${rng.pick(STREET_NAMES)} ${rng.pick(STREET_SUFFIXES)}${apartment}`,
    city: place.city,
    postalCode: place.postalCode,
  };
}

/**
 * `count` patients for one clinic, `shared` among them at random positions, numbered
 * `<prefix>000001` upwards.
 */
export function generatePatients(
  rng: SeededRandom,
  options: { count: number; profile: PatientProfile; shared: readonly Person[]; mrnPrefix: string },
): NewPatient[] {
  const { count, profile, shared, mrnPrefix } = options;
  const people = rng.shuffle([...shared, ...generatePeople(rng, count - shared.length, profile)]);
  return people.map((person, i) => ({
    ...withContact(rng, person, profile, i + 1),
    mrn: `${mrnPrefix}${String(i + 1).padStart(6, '0')}`,
  }));
}
