import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { listClinics } from '@/db/control/clinics';
import { listAllMemberships } from '@/db/control/memberships';
import { findUserByEmail, listUsers } from '@/db/control/users';
import { appointments, clinicCounters, clinicSettings, patients } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { verifyPassword } from '@/lib/auth/password';
import { isoWeekday, localDate, localTime } from '@/lib/appointments/time';
import { isWithinHours, minutesOf, workingHoursOrClosed } from '@/lib/appointments/working-hours';
import { resolveSettings, settingValues } from '@/lib/settings/resolve';
import { resetDatabase, useTestDatabase } from '@/test/db';
import {
  DEMO_LOGINS,
  DEMO_PASSWORD,
  MRN_COUNTER,
  SeedRefusedError,
  seedDemo,
  type SeedResult,
} from './demo';
import { isoDate, localDateOf } from './time';

const db = useTestDatabase();
/** A pinned "now" keeps the schedule assertions independent of the day the tests run. */
const NOW = new Date('2026-03-11T17:20:00Z');

describe('seedDemo refusal', () => {
  beforeAll(async () => resetDatabase(db.handle()));

  it('refuses to run in production and writes nothing', async () => {
    await expect(seedDemo({ nodeEnv: 'production' })).rejects.toBeInstanceOf(SeedRefusedError);
    expect(await listClinics()).toHaveLength(0);
    expect(await listUsers()).toHaveLength(0);
  });
});

describe('seedDemo', () => {
  let result: SeedResult;
  let clinicIds: Record<string, string>;

  beforeAll(async () => {
    await resetDatabase(db.handle());
    result = await seedDemo({ now: NOW, nodeEnv: 'development' });
    clinicIds = Object.fromEntries((await listClinics()).map((c) => [c.slug, c.id]));
  });

  it('creates the three demo clinics, one of them inactive', async () => {
    expect(result.status).toBe('seeded');
    const clinics = await listClinics();
    expect(clinics.map((c) => [c.slug, c.active, c.timezone]).sort()).toEqual([
      ['harbor', true, 'America/Los_Angeles'],
      ['lakeside', false, 'America/Chicago'],
      ['northside', true, 'America/New_York'],
    ]);
  });

  it('gives each active clinic about 200 patients, numbered with its effective MRN prefix', async () => {
    for (const [slug, prefix] of [
      ['northside', 'MRN-'],
      ['harbor', 'HP-'],
    ] as const) {
      const tdb = tenantDb(clinicIds[slug] ?? '');
      expect(await tdb.count(patients)).toBe(200);
      const first = await tdb.list(patients, { limit: 1, orderBy: [patients.mrn] });
      expect(first[0]?.mrn).toBe(`${prefix}000001`);
      // The MRN counter continues after the seeded numbers, so the next patient gets 000201.
      const [counter] = await tdb.list(clinicCounters, {
        where: eq(clinicCounters.name, MRN_COUNTER),
        limit: 1,
      });
      expect(counter?.value).toBe(200);
    }
  });

  it('overrides mrn_prefix for Harbor only, and stores each clinic timezone', async () => {
    const settings = async (slug: string) =>
      tenantDb(clinicIds[slug] ?? '').transaction(async (t) =>
        Object.fromEntries((await resolveSettings(t)).map((s) => [s.key, [s.value, s.source]])),
      );
    const harbor = await settings('harbor');
    const northside = await settings('northside');
    expect(harbor.mrn_prefix).toEqual(['HP-', 'clinic']);
    expect(northside.mrn_prefix).toEqual(['MRN-', 'system']);
    expect(harbor.timezone).toEqual(['America/Los_Angeles', 'clinic']);
    expect(northside.timezone).toEqual(['America/New_York', 'clinic']);
  });

  it('registers some people (same full name and birth date) at both active clinics', async () => {
    const people = async (slug: string) => {
      const rows = await tenantDb(clinicIds[slug] ?? '').list(patients, { limit: 1000 });
      return new Set(rows.map((p) => `${p.givenName}|${p.familyName}|${p.dateOfBirth}`));
    };
    const northside = await people('northside');
    const harbor = await people('harbor');
    const shared = [...northside].filter((p) => harbor.has(p));
    expect(shared.length).toBeGreaterThanOrEqual(15);
  });

  it('creates the demo users with exactly the listed memberships and the demo password', async () => {
    const memberships = await listAllMemberships();
    for (const login of DEMO_LOGINS) {
      const user = await findUserByEmail(login.email);
      expect(user, login.email).toBeDefined();
      expect(user?.systemRoleId ?? undefined).toBe(login.systemRoleId);
      const held = memberships
        .filter((m) => m.userEmail === login.email)
        .map((m) => `${m.roleId}@${m.clinicSlug}`)
        .sort();
      expect(held, login.email).toEqual(
        login.memberships.map((m) => `${m.role}@${m.clinic}`).sort(),
      );
    }
    expect(DEMO_LOGINS.length).toBeGreaterThanOrEqual(7);
    const ops = await findUserByEmail('ops@demo.test');
    expect(ops?.systemRoleId).toBe('system_admin');
    expect(await verifyPassword(ops?.passwordHash ?? '', DEMO_PASSWORD)).toBe(true);
  });

  it('books a plausible schedule: no overlaps, 15/30-minute slots, some today', async () => {
    for (const slug of ['northside', 'harbor']) {
      const rows = await tenantDb(clinicIds[slug] ?? '').list(appointments, {
        limit: 10_000,
        orderBy: [appointments.practitionerMembershipId, appointments.startsAt],
      });
      expect(rows.length).toBeGreaterThan(300);
      const lastEnd = new Map<string, number>();
      for (const a of rows) {
        const minutes = (a.endsAt.getTime() - a.startsAt.getTime()) / 60_000;
        expect([15, 30]).toContain(minutes);
        expect(a.startsAt.getUTCMinutes() % 15).toBe(0);
        expect(a.startsAt.getTime()).toBeGreaterThanOrEqual(
          lastEnd.get(a.practitionerMembershipId) ?? 0,
        );
        lastEnd.set(a.practitionerMembershipId, a.endsAt.getTime());
        if (a.endsAt <= NOW) expect(a.status).not.toBe('scheduled');
        if (a.startsAt > NOW) expect(['scheduled', 'cancelled']).toContain(a.status);
      }
      const timezone = slug === 'harbor' ? 'America/Los_Angeles' : 'America/New_York';
      const today = isoDate(localDateOf(NOW, timezone));
      expect(rows.some((a) => isoDate(localDateOf(a.startsAt, timezone)) === today)).toBe(true);
      expect(rows.some((a) => a.status === 'completed')).toBe(true);
      expect(rows.some((a) => a.status === 'scheduled')).toBe(true);
    }
  });

  it("keeps every appointment within the clinic's working hours setting", async () => {
    for (const slug of ['northside', 'harbor']) {
      const t = tenantDb(clinicIds[slug] ?? '');
      const settings = await t.transaction((s) => settingValues(s));
      const hours = workingHoursOrClosed(settings.working_hours);
      expect(hours.flat().length).toBeGreaterThan(0);
      const rows = await t.list(appointments, { limit: 10_000 });
      const outside = rows.filter((a) => {
        const date = localDate(a.startsAt, settings.timezone);
        const minutes = (a.endsAt.getTime() - a.startsAt.getTime()) / 60_000;
        const start = minutesOf(localTime(a.startsAt, settings.timezone));
        return a.outsideHours || !isWithinHours(hours, isoWeekday(date), start, minutes);
      });
      expect(outside).toEqual([]);
    }
  });

  it('books only doctors and nurses of the same clinic', async () => {
    const practitioners = new Set(
      (await listAllMemberships())
        .filter((m) => m.roleId === 'doctor' || m.roleId === 'nurse')
        .map((m) => `${m.clinicId}|${m.membershipId}`),
    );
    for (const slug of ['northside', 'harbor']) {
      const clinicId = clinicIds[slug] ?? '';
      const used = await tenantDb(clinicId).transaction((t) =>
        t
          .from(appointments, { id: appointments.practitionerMembershipId })
          .groupBy(appointments.practitionerMembershipId),
      );
      expect(used.length).toBe(2);
      for (const { id } of used) expect(practitioners.has(`${clinicId}|${id}`)).toBe(true);
    }
  });

  it('does nothing when the demo data already exists', async () => {
    const again = await seedDemo({ now: NOW, nodeEnv: 'development' });
    expect(again.status).toBe('exists');
    expect(await listClinics()).toHaveLength(3);
    const harbor = tenantDb(clinicIds.harbor ?? '');
    expect(await harbor.count(patients)).toBe(200);
    expect(await harbor.count(clinicSettings, eq(clinicSettings.key, 'mrn_prefix'))).toBe(1);
  });
});
