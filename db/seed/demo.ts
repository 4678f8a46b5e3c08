/**
 * The demo data set: three clinics, staff with overlapping memberships, realistic patients (some
 * registered at both active clinics) and a month and a half of appointments.
 *
 * Clinics, users and memberships go through the control plane (db/control), tenant rows only
 * through tenantDb(clinicId), exactly as the application writes them, so the seed also proves the
 * walls accept legitimate work.
 */
import { env } from '@/lib/env';
import { hashPassword } from '@/lib/auth/password';
import { provisionClinicSettings } from '@/lib/settings/provision';
import { settingValues } from '@/lib/settings/resolve';
import { setClinicSetting } from '@/lib/settings/write';
import { createClinic, findClinicBySlug } from '../control/clinics';
import { addMembership } from '../control/memberships';
import { createUser, findUserByEmail } from '../control/users';
import type { ActorContext } from '../control/audit';
import { appointments, clinicCounters, patients } from '../schema';
import { tenantDb } from '../tenant';
import { generateAppointments, workingHoursSetting } from './appointments';
import { DEMO_CLINICS, SHARED_CLINICS, SHARED_PEOPLE, type DemoClinic } from './clinics';
import { DEMO_LOGINS, DEMO_PASSWORD, type DemoClinicSlug } from './logins';
import { generatePatients, generatePeople, type Person } from './patients';
import { SeededRandom } from './random';

export { DEMO_CLINICS } from './clinics';
export { DEMO_LOGINS, DEMO_PASSWORD, formatDemoLogins } from './logins';

const SEED_ACTOR: ActorContext = { userId: null, requestId: 'seed' };
/**
 * The per-clinic counter new MRNs are drawn from. The seed numbers its patients itself, so it
 * moves the counter past them; otherwise the first patient onboarded in the app would collide
 * with MRN 000001. Must match the name the onboarding code increments.
 */
export const MRN_COUNTER = 'mrn';
/** Rows per INSERT: well under Postgres' 65,535 bind parameters, and few round trips. */
const BATCH_SIZE = 250;

export class SeedRefusedError extends Error {}

export interface SeedOptions {
  /** Defaults to the validated NODE_ENV; a parameter so the refusal is testable. */
  nodeEnv?: string;
  /** "Today" for the schedule; tests pin it. */
  now?: Date;
  log?: (line: string) => void;
}

export type SeedResult =
  | { status: 'exists'; found: string[] }
  | {
      status: 'seeded';
      clinics: number;
      users: number;
      patients: number;
      appointments: number;
      ms: number;
    };

/**
 * Throws SeedRefusedError in production: the demo accounts share a published password. Scripts
 * call it before they open the database at all.
 */
export function assertSeedAllowed(nodeEnv: string = env.NODE_ENV): void {
  if (nodeEnv === 'production') {
    throw new SeedRefusedError(
      'Refusing to seed demo data with NODE_ENV=production: the demo accounts share a published password.',
    );
  }
}

/** Seeds the demo data set into the current database (getDb()). Refuses in production. */
export async function seedDemo(options: SeedOptions = {}): Promise<SeedResult> {
  assertSeedAllowed(options.nodeEnv);
  const log = options.log ?? (() => {});
  const now = options.now ?? new Date();
  const started = performance.now();

  const found = await existingDemoData();
  if (found.length > 0) return { status: 'exists', found };

  // One hash for every account: argon2 is deliberately slow, and they share the password anyway.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const clinicIds = new Map<DemoClinicSlug, string>();
  for (const c of DEMO_CLINICS) {
    const clinic = await createClinic(SEED_ACTOR, c);
    // As for any new clinic: its timezone becomes its own setting (else the system default, UTC).
    await provisionClinicSettings(clinic.id, { timezone: c.timezone }, null);
    clinicIds.set(c.slug, clinic.id);
  }

  /** Doctors and nurses per clinic: the practitioners appointments are booked with. */
  const practitioners = new Map<DemoClinicSlug, string[]>();
  for (const login of DEMO_LOGINS) {
    const user = await createUser(SEED_ACTOR, {
      email: login.email,
      name: login.name,
      passwordHash,
      systemRoleId: login.systemRoleId ?? null,
    });
    for (const m of login.memberships) {
      const membership = await addMembership(SEED_ACTOR, {
        userId: user.id,
        clinicId: idOf(clinicIds, m.clinic),
        roleId: m.role,
      });
      if (m.role === 'doctor' || m.role === 'nurse') {
        practitioners.set(m.clinic, [...(practitioners.get(m.clinic) ?? []), membership.id]);
      }
    }
  }
  log(`  ${DEMO_CLINICS.length} clinics, ${DEMO_LOGINS.length} users`);

  const shared = generatePeople(
    new SeededRandom(SHARED_PEOPLE.randomSeed),
    SHARED_PEOPLE.count,
    SHARED_PEOPLE.profile,
  );
  let patientTotal = 0;
  let appointmentTotal = 0;
  for (const clinic of DEMO_CLINICS) {
    const counts = await seedClinicData(clinic, {
      clinicId: idOf(clinicIds, clinic.slug),
      shared: SHARED_CLINICS.includes(clinic.slug) ? shared : [],
      practitionerMembershipIds: practitioners.get(clinic.slug) ?? [],
      now,
    });
    log(`  ${clinic.name}: ${counts.patients} patients, ${counts.appointments} appointments`);
    patientTotal += counts.patients;
    appointmentTotal += counts.appointments;
  }

  return {
    status: 'seeded',
    clinics: DEMO_CLINICS.length,
    users: DEMO_LOGINS.length,
    patients: patientTotal,
    appointments: appointmentTotal,
    ms: Math.round(performance.now() - started),
  };
}

/** Demo clinic slugs and user e-mails already present (the seed then does nothing). */
async function existingDemoData(): Promise<string[]> {
  const found: string[] = [];
  for (const c of DEMO_CLINICS) if (await findClinicBySlug(c.slug)) found.push(`clinic ${c.slug}`);
  for (const l of DEMO_LOGINS) if (await findUserByEmail(l.email)) found.push(`user ${l.email}`);
  return found;
}

function idOf(ids: Map<DemoClinicSlug, string>, slug: DemoClinicSlug): string {
  const id = ids.get(slug);
  if (!id) throw new Error(`demo clinic ${slug} was not created`);
  return id;
}

/** One clinic's tenant rows, in one tenant transaction so a failure leaves none behind. */
async function seedClinicData(
  clinic: DemoClinic,
  ctx: {
    clinicId: string;
    shared: readonly Person[];
    practitionerMembershipIds: string[];
    now: Date;
  },
): Promise<{ patients: number; appointments: number }> {
  const rng = new SeededRandom(clinic.randomSeed);
  return tenantDb(ctx.clinicId).transaction(async (t) => {
    if (clinic.mrnPrefixOverride) {
      await setClinicSetting(t, 'mrn_prefix', clinic.mrnPrefixOverride, null);
    }
    const rows = generatePatients(rng, {
      count: clinic.patientCount,
      profile: clinic.profile,
      shared: ctx.shared,
      // The effective setting, exactly as onboarding would number a new patient.
      mrnPrefix: (await settingValues(t)).mrn_prefix,
    });
    const patientIds: string[] = [];
    for (const batch of chunks(rows, BATCH_SIZE)) {
      patientIds.push(...(await t.insert(patients, batch)).map((p) => p.id));
    }
    await t.insert(clinicCounters, { name: MRN_COUNTER, value: rows.length });

    if (!clinic.schedule || ctx.practitionerMembershipIds.length === 0) {
      return { patients: patientIds.length, appointments: 0 };
    }
    // The clinic's working hours setting says what the generated schedule keeps to, so the demo
    // calendar greys out exactly the hours without appointments and booking follows them too.
    await setClinicSetting(t, 'working_hours', workingHoursSetting(clinic.schedule.hours), null);
    const schedule = generateAppointments(rng, {
      timeZone: clinic.timezone,
      ...clinic.schedule,
      practitionerMembershipIds: ctx.practitionerMembershipIds,
      patientIds,
      now: ctx.now,
      daysBack: 30,
      daysAhead: 14,
    });
    for (const batch of chunks(schedule, BATCH_SIZE)) await t.insert(appointments, batch);
    return { patients: patientIds.length, appointments: schedule.length };
  });
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
