/**
 * Clinic settings against a real database: where each value comes from (system default or this
 * clinic), the update and reset actions with their validation, permission and audit trail, and the
 * display name in the header. Two clinics throughout, so a leak between them shows.
 */
import { and, asc, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { createClinic } from '@/db/control/clinics';
import { addMembership } from '@/db/control/memberships';
import { updateSettingDefinition } from '@/db/control/settings';
import { createUser, getUser } from '@/db/control/users';
import { auditEvents, clinicSettings } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { resetSettingAction } from '@/lib/actions/settings/reset-setting';
import { updateSettingAction } from '@/lib/actions/settings/update-setting';
import { loadHeaderState } from '@/lib/auth/header-state';
import type { ClinicRole } from '@/lib/auth/permissions';
import { clinicDisplayName, loadClinicSettings } from '@/lib/data/settings';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { SYSTEM_ACTOR } from '@/test/fixtures';
import { fromPage, signInAs, signOut } from '@/test/session-state';
import { resolveSettings, settingValues } from './resolve';

const db = useTestDatabase();

interface Clinic {
  id: string;
  name: string;
  admin: string;
  receptionist: string;
}

let north: Clinic;
let harbor: Clinic;

async function makeClinic(slug: string, name: string): Promise<Clinic> {
  const clinic = await createClinic(SYSTEM_ACTOR, { name, slug, timezone: 'UTC' });
  const member = async (role: ClinicRole) => {
    const user = await createUser(SYSTEM_ACTOR, {
      email: `${role}@${slug}.test`,
      name: `${role} of ${name}`,
      passwordHash: 'not-a-real-hash',
    });
    await addMembership(SYSTEM_ACTOR, { userId: user.id, clinicId: clinic.id, roleId: role });
    return user.id;
  };
  return {
    id: clinic.id,
    name,
    admin: await member('clinic_admin'),
    receptionist: await member('receptionist'),
  };
}

async function signInTo(clinic: Clinic, userId: string): Promise<void> {
  const user = await getUser(userId);
  if (!user) throw new Error('user vanished');
  await signInAs(user, { clinicId: clinic.id });
}

async function effective(clinicId: string, key: string) {
  const settings = await tenantDb(clinicId).transaction((t) => resolveSettings(t));
  const setting = settings.find((s) => s.key === key);
  if (!setting) throw new Error(`no setting ${key}`);
  return { value: setting.value, source: setting.source, defaultValue: setting.defaultValue };
}

/** Every clinic_settings row of every clinic, read through each clinic's own tenantDb. */
async function allOverrides() {
  const rows = [];
  for (const c of [north, harbor]) {
    rows.push(
      ...(await tenantDb(c.id).list(clinicSettings, {
        orderBy: [asc(clinicSettings.key)],
        limit: 100,
      })),
    );
  }
  return rows;
}

async function auditRows(clinicId: string, action?: string) {
  return tenantDb(clinicId).list(auditEvents, {
    where: action ? eq(auditEvents.action, action) : undefined,
    orderBy: [asc(auditEvents.occurredAt)],
    limit: 100,
  });
}

beforeEach(async () => {
  await resetDatabase(db.handle());
  signOut();
  north = await makeClinic('north', 'Northside');
  harbor = await makeClinic('harbor', 'Harbor');
});

describe('resolving settings: value and source', () => {
  it('starts at the system default, becomes "clinic" after an update and "system" after a reset', async () => {
    expect(await effective(north.id, 'mrn_prefix')).toEqual({
      value: 'MRN-',
      source: 'system',
      defaultValue: 'MRN-',
    });

    await signInTo(north, north.admin);
    const updated = await fromPage(updateSettingAction)({ key: 'mrn_prefix', value: 'NS-' });
    expect(updated.serverError).toBeUndefined();
    expect(updated.validationErrors).toBeUndefined();
    expect(updated.data).toEqual({ key: 'mrn_prefix', value: 'NS-', source: 'clinic' });
    expect(await effective(north.id, 'mrn_prefix')).toEqual({
      value: 'NS-',
      source: 'clinic',
      defaultValue: 'MRN-',
    });

    const reset = await fromPage(resetSettingAction)({ key: 'mrn_prefix' });
    expect(reset.data).toEqual({ key: 'mrn_prefix', removed: true, source: 'system' });
    expect(await effective(north.id, 'mrn_prefix')).toMatchObject({
      value: 'MRN-',
      source: 'system',
    });
    expect(await allOverrides()).toEqual([]);
  });

  it('stores integers as numbers and reads them back typed', async () => {
    await signInTo(north, north.admin);
    expect(
      (await fromPage(updateSettingAction)({ key: 'export_retention_days', value: '30' })).data,
    ).toEqual({ key: 'export_retention_days', value: 30, source: 'clinic' });
    const values = await tenantDb(north.id).transaction((t) => settingValues(t));
    expect(values.export_retention_days).toBe(30);
    expect(values.exports_keep_latest).toBe(10);
  });

  it('reads text that looks like JSON back as text ("2024", "true", "1")', async () => {
    // Found by test/endpoint-fuzz: such values came back as numbers and booleans, and every
    // settings read of the clinic (or, for a default, of every clinic) then threw.
    await signInTo(north, north.admin);
    await fromPage(updateSettingAction)({ key: 'mrn_prefix', value: '2024' });
    await fromPage(updateSettingAction)({ key: 'display_name', value: 'true' });
    await updateSettingDefinition(SYSTEM_ACTOR, 'display_name', {
      defaultValue: '1',
      clinicOverridable: true,
    });
    try {
      const values = await tenantDb(north.id).transaction((t) => settingValues(t));
      expect(values.mrn_prefix).toBe('2024');
      expect(values.display_name).toBe('true');
      expect((await effective(harbor.id, 'display_name')).value).toBe('1');
    } finally {
      // Definitions outlive resetDatabase: put the seeded default back.
      await updateSettingDefinition(SYSTEM_ACTOR, 'display_name', {
        defaultValue: '',
        clinicOverridable: true,
      });
    }
  });

  it('updates an existing override in place (one row per clinic and key)', async () => {
    await signInTo(north, north.admin);
    await fromPage(updateSettingAction)({ key: 'timezone', value: 'Europe/Berlin' });
    await fromPage(updateSettingAction)({ key: 'timezone', value: 'America/New_York' });
    const rows = await allOverrides();
    expect(rows.map((r) => [r.key, r.value])).toEqual([['timezone', 'America/New_York']]);
    expect(rows[0]?.updatedBy).toBe(north.admin);
  });

  it("never shows one clinic's override to another clinic", async () => {
    await signInTo(north, north.admin);
    await fromPage(updateSettingAction)({
      key: 'display_name',
      value: 'Northside Family Practice',
    });
    await fromPage(updateSettingAction)({ key: 'exports_keep_latest', value: 3 });

    expect(await effective(harbor.id, 'display_name')).toMatchObject({
      value: '',
      source: 'system',
    });
    expect(await effective(harbor.id, 'exports_keep_latest')).toMatchObject({
      value: 10,
      source: 'system',
    });
    const harborSettings = await loadClinicSettings({ db: tenantDb(harbor.id) });
    expect(harborSettings.every((s) => s.source === 'system')).toBe(true);
    // And the other way round: Harbor's admin changes nothing of Northside's.
    await signInTo(harbor, harbor.admin);
    await fromPage(updateSettingAction)({ key: 'display_name', value: 'Harbor Kids' });
    expect(await effective(north.id, 'display_name')).toMatchObject({
      value: 'Northside Family Practice',
    });
  });

  it('ignores an existing override once the definition is no longer overridable', async () => {
    await signInTo(north, north.admin);
    await fromPage(updateSettingAction)({ key: 'export_retention_days', value: 30 });
    expect(await effective(north.id, 'export_retention_days')).toMatchObject({ source: 'clinic' });

    await updateSettingDefinition(SYSTEM_ACTOR, 'export_retention_days', {
      defaultValue: 120,
      clinicOverridable: false,
    });
    expect(await effective(north.id, 'export_retention_days')).toEqual({
      value: 120,
      source: 'system',
      defaultValue: 120,
    });
    const row = (await loadClinicSettings({ db: tenantDb(north.id) })).find(
      (s) => s.key === 'export_retention_days',
    );
    expect(row).toMatchObject({ value: '120', source: 'system', overridable: false });

    // And a new override is refused while the definition says so.
    const before = await allOverrides();
    const refused = await fromPage(updateSettingAction)({
      key: 'export_retention_days',
      value: 45,
    });
    expect(refused.serverError).toBe('This setting cannot be changed per clinic.');
    expect(await allOverrides()).toEqual(before);
  });
});

describe('validation', () => {
  it.each([
    ['mrn_prefix', 'lower case!', /capital letters/],
    ['mrn_prefix', 'ABCDEFGHIJK', /capital letters/],
    ['export_retention_days', 'ninety', /number/],
    ['export_retention_days', '0', /at least 1 day/],
    ['export_retention_days', '1.5', /whole number/],
    ['export_retention_days', 4000, /3650/],
    ['exports_keep_latest', '0', /at least 1/],
    ['timezone', 'Mars/Olympus_Mons', /IANA timezone/],
    ['timezone', '', /IANA timezone/],
    ['display_name', 'x'.repeat(81), /80 characters/],
  ] as const)('refuses %s = %j with an error on the value field', async (key, value, message) => {
    await signInTo(north, north.admin);
    await fromPage(updateSettingAction)({ key: 'mrn_prefix', value: 'KEEP-' });
    const before = await allOverrides();
    const auditBefore = await auditRows(north.id);

    const result = await fromPage(updateSettingAction)({ key, value });
    expect(result.data).toBeUndefined();
    const errors = result.validationErrors as { value?: { _errors?: string[] } } | undefined;
    expect(errors?.value?._errors?.[0]).toMatch(message);
    expect(await allOverrides()).toEqual(before);
    expect(await auditRows(north.id)).toEqual(auditBefore);
  });

  it('refuses an unknown key, and a smuggled clinic id (strict input)', async () => {
    await signInTo(north, north.admin);
    const unknown = await fromPage(updateSettingAction)({
      key: 'no_such_setting' as 'mrn_prefix',
      value: 'X',
    });
    expect(unknown.data).toBeUndefined();
    expect(unknown.validationErrors).toHaveProperty('key');

    const smuggled = await fromPage(updateSettingAction)({
      key: 'mrn_prefix',
      value: 'HB-',
      clinicId: harbor.id,
    } as never);
    expect(smuggled.data).toBeUndefined();
    expect(smuggled.validationErrors).toBeDefined();

    const resetUnknown = await fromPage(resetSettingAction)({ key: '__proto__' as 'mrn_prefix' });
    expect(resetUnknown.validationErrors).toHaveProperty('key');
    expect(await allOverrides()).toEqual([]);
  });
});

describe('permission', () => {
  it('refuses a receptionist, records authz.denied and changes nothing', async () => {
    await signInTo(north, north.admin);
    await fromPage(updateSettingAction)({ key: 'mrn_prefix', value: 'NS-' });
    const before = await allOverrides();

    await signInTo(north, north.receptionist);
    const update = await fromPage(updateSettingAction)({ key: 'mrn_prefix', value: 'HACK-' });
    expect(update.data).toBeUndefined();
    expect(update.serverError).toBe(new ForbiddenError().message);
    const reset = await fromPage(resetSettingAction)({ key: 'mrn_prefix' });
    expect(reset.serverError).toBe(new ForbiddenError().message);
    expect(await allOverrides()).toEqual(before);

    const denied = await auditRows(north.id, 'authz.denied');
    expect(denied).toHaveLength(2);
    for (const row of denied) {
      expect(row).toMatchObject({
        actorUserId: north.receptionist,
        outcome: 'denied',
        metadata: { permission: 'settings.update' },
      });
    }
    expect(await auditRows(north.id, 'setting.update')).toHaveLength(1);
  });

  it('refuses an anonymous caller', async () => {
    signOut();
    const result = await fromPage(updateSettingAction)({ key: 'mrn_prefix', value: 'ANON-' });
    expect(result.serverError).toBe(new UnauthenticatedError().message);
    expect(await allOverrides()).toEqual([]);
  });

  it("acts on the caller's own clinic only: Harbor's admin cannot reach Northside", async () => {
    await signInTo(harbor, harbor.admin);
    await fromPage(updateSettingAction)({ key: 'mrn_prefix', value: 'HB-' });
    expect(await effective(north.id, 'mrn_prefix')).toMatchObject({ source: 'system' });
    expect(await effective(harbor.id, 'mrn_prefix')).toMatchObject({
      value: 'HB-',
      source: 'clinic',
    });
    await signInTo(north, north.admin);
    await fromPage(resetSettingAction)({ key: 'mrn_prefix' });
    expect(await effective(harbor.id, 'mrn_prefix')).toMatchObject({ source: 'clinic' });
  });
});

describe('audit trail', () => {
  it('records setting.update and setting.reset with the key, the actor and the request id', async () => {
    await signInTo(north, north.admin);
    await fromPage(updateSettingAction)({
      key: 'display_name',
      value: 'Northside Family Practice',
    });
    await fromPage(resetSettingAction)({ key: 'display_name' });

    const rows = await tenantDb(north.id).list(auditEvents, {
      where: and(eq(auditEvents.entityType, 'setting')),
      orderBy: [asc(auditEvents.occurredAt), asc(auditEvents.action)],
      limit: 10,
    });
    expect(rows.map((r) => r.action).sort()).toEqual(['setting.reset', 'setting.update']);
    for (const row of rows) {
      expect(row).toMatchObject({
        entityType: 'setting',
        entityId: 'display_name',
        actorUserId: north.admin,
        outcome: 'success',
      });
      expect(row.requestId).toBeTruthy();
      // The key, never the value.
      expect(JSON.stringify(row.metadata)).not.toContain('Northside Family Practice');
    }
    expect(await auditRows(harbor.id)).toEqual([]);
  });
});

describe('display name', () => {
  it('shows in the header and as the clinic name while set, and falls back when reset', async () => {
    await signInTo(north, north.admin);
    const activeName = async () =>
      (await loadHeaderState())?.clinics.find((c) => c.id === north.id)?.name;
    expect(await activeName()).toBe('Northside');

    await fromPage(updateSettingAction)({
      key: 'display_name',
      value: '  Northside Family Practice ',
    });
    expect(await activeName()).toBe('Northside Family Practice');
    expect(await clinicDisplayName({ clinicId: north.id, clinicName: 'Northside' })).toBe(
      'Northside Family Practice',
    );
    // Harbor's name is untouched.
    expect(await clinicDisplayName({ clinicId: harbor.id, clinicName: 'Harbor' })).toBe('Harbor');

    await fromPage(resetSettingAction)({ key: 'display_name' });
    expect(await activeName()).toBe('Northside');
  });

  it('renames only the active clinic in the picker of a user with two clinics', async () => {
    await addMembership(SYSTEM_ACTOR, {
      userId: north.admin,
      clinicId: harbor.id,
      roleId: 'doctor',
    });
    await signInTo(harbor, harbor.admin);
    await fromPage(updateSettingAction)({ key: 'display_name', value: 'Harbor Kids' });
    await signInTo(north, north.admin);
    await fromPage(updateSettingAction)({
      key: 'display_name',
      value: 'Northside Family Practice',
    });

    const header = await loadHeaderState();
    expect(header?.clinics).toEqual(
      expect.arrayContaining([
        { id: north.id, name: 'Northside Family Practice', roleName: 'Clinic admin' },
        // Not active: the registered name (its display name is not read for the header).
        { id: harbor.id, name: 'Harbor', roleName: 'Doctor' },
      ]),
    );
  });
});
