import type { WorkingHours } from './appointments';
import type { DemoClinicSlug } from './logins';
import {
  CHICAGO_PLACES,
  FAMILY_PRACTICE_REASONS,
  LOS_ANGELES_PLACES,
  NEW_YORK_PLACES,
  PEDIATRIC_REASONS,
} from './names';
import type { PatientProfile } from './patients';

export interface DemoClinic {
  slug: DemoClinicSlug;
  name: string;
  timezone: string;
  active: boolean;
  patientCount: number;
  /** Each clinic has its own generator seed, so changing one clinic leaves the others as they were. */
  randomSeed: number;
  profile: PatientProfile;
  /** Written as a clinic_settings override, so settings sources differ between clinics. */
  mrnPrefixOverride?: string;
  /** Absent: no appointments (a closed clinic keeps only its records). */
  schedule?: { hours: WorkingHours; reasons: readonly string[]; occupancy: number };
}

const h = (hour: number, minute = 0) => hour * 60 + minute;

const ALL_AGES: PatientProfile['ageBands'] = [
  [0, 17, 18],
  [18, 39, 30],
  [40, 64, 33],
  [65, 94, 19],
];

/** Children, with more of them small: pediatric visits are front-loaded. */
export const CHILDREN: PatientProfile['ageBands'] = [
  [0, 1, 25],
  [2, 5, 30],
  [6, 12, 30],
  [13, 17, 15],
];

/**
 * The demo clinics open every day (short weekend hours), so a fresh demo always has
 * appointments "today", whatever day it is started.
 */
export const DEMO_CLINICS: readonly DemoClinic[] = [
  {
    slug: 'northside',
    name: 'Northside Family Clinic',
    timezone: 'America/New_York',
    active: true,
    patientCount: 200,
    randomSeed: 20260101,
    profile: {
      ageBands: ALL_AGES,
      places: NEW_YORK_PLACES,
      areaCodes: ['212', '718', '914', '917'],
    },
    schedule: {
      hours: {
        weekday: { open: h(8), close: h(17), lunch: { start: h(12), end: h(13) } },
        weekend: { open: h(9), close: h(13) },
      },
      reasons: FAMILY_PRACTICE_REASONS,
      occupancy: 0.35,
    },
  },
  {
    slug: 'harbor',
    name: 'Harbor Pediatrics',
    timezone: 'America/Los_Angeles',
    active: true,
    patientCount: 200,
    randomSeed: 20260202,
    profile: { ageBands: CHILDREN, places: LOS_ANGELES_PLACES, areaCodes: ['310', '424', '562'] },
    mrnPrefixOverride: 'HP-',
    schedule: {
      hours: {
        weekday: { open: h(8, 30), close: h(17, 30), lunch: { start: h(12, 30), end: h(13, 30) } },
        weekend: { open: h(9), close: h(12) },
      },
      reasons: PEDIATRIC_REASONS,
      occupancy: 0.35,
    },
  },
  {
    slug: 'lakeside',
    name: 'Lakeside Clinic (closed)',
    timezone: 'America/Chicago',
    active: false,
    patientCount: 24,
    randomSeed: 20260303,
    profile: { ageBands: ALL_AGES, places: CHICAGO_PLACES, areaCodes: ['312', '773', '847'] },
  },
];

/**
 * People registered at both active clinics under the same full name and date of birth, so that a
 * query leaking across clinics shows up as a duplicate. Children, as Harbor is a pediatric practice.
 */
export const SHARED_PEOPLE = { count: 15, randomSeed: 20261515, profile: { ageBands: CHILDREN } };
export const SHARED_CLINICS: readonly DemoClinicSlug[] = ['northside', 'harbor'];
