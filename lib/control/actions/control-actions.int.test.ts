/**
 * What the control-plane actions do for an operator in global mode: clear field errors instead of
 * 500s, strict input, the audit trail, and access changes that take effect on the next request.
 * (Who may call them at all is test/isolation-matrix.int.test.ts's job.)
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { findClinicBySlug } from '@/db/control/clinics';
import { getMembership } from '@/db/control/memberships';
import { getSettingDefinition } from '@/db/control/settings';
import { findUserByEmail, getUser } from '@/db/control/users';
import { systemAuditEvents } from '@/db/schema';
import { switchClinicAction } from '@/lib/auth/actions/switch-clinic';
import { requireClinicContext } from '@/lib/auth/context';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { buildWorld, signIn, type World } from '@/test/isolation-harness';
import { addMembershipAction } from './add-membership';
import { changeMembershipRoleAction } from './change-membership-role';
import { createClinicAction } from './create-clinic';
import { createUserAction } from './create-user';
import { deactivateClinicAction } from './deactivate-clinic';
import { disableUserAction } from './disable-user';
import { enableUserAction } from './enable-user';
import { removeMembershipAction } from './remove-membership';
import { settingHint } from '@/lib/settings/hints';
import { updateSettingDefinitionAction } from './update-setting-definition';

const db = useTestDatabase();
let w: World;

beforeEach(async () => {
  await resetDatabase(db.handle());
  w = await buildWorld();
  await signIn({ label: 'ops', user: w.ops, globalMode: true });
});

/** The first message of a field in next-safe-action's formatted validation errors. */
function fieldError(result: { validationErrors?: unknown }, field: string): string | undefined {
  const errors = result.validationErrors as Record<string, { _errors?: string[] }> | undefined;
  return errors?.[field]?._errors?.[0];
}

async function auditRows(action: string) {
  return getDb().db.select().from(systemAuditEvents).where(eq(systemAuditEvents.action, action));
}

describe('clinics', () => {
  it('creates a clinic, lowercasing the slug, and audits it with the operator as actor', async () => {
    const r = await createClinicAction({
      name: '  Harbour View ',
      slug: 'Harbour-View',
      timezone: 'Europe/Lisbon',
    });
    expect(r.data).toEqual({ id: expect.any(String), name: 'Harbour View', slug: 'harbour-view' });
    expect((await findClinicBySlug('harbour-view'))?.timezone).toBe('Europe/Lisbon');
    const [row] = (await auditRows('clinic.create')).filter((e) => e.entityId === r.data?.id);
    expect(row).toMatchObject({ actorUserId: w.ops.id, outcome: 'success' });
  });

  it.each([
    ['slug', { name: 'X', slug: 'a', timezone: 'UTC' }],
    ['slug', { name: 'X', slug: 'no spaces', timezone: 'UTC' }],
    ['slug', { name: 'X', slug: 'x'.repeat(41), timezone: 'UTC' }],
    ['timezone', { name: 'X', slug: 'fine-slug', timezone: 'Mars/Olympus' }],
    ['name', { name: '   ', slug: 'fine-slug', timezone: 'UTC' }],
  ])('explains a bad %s next to the field', async (field, input) => {
    const r = await createClinicAction(input);
    expect(fieldError(r, field)).toBeTruthy();
  });

  it('refuses a taken slug with a field error, not a 500', async () => {
    await createClinicAction({ name: 'One', slug: 'same-slug', timezone: 'UTC' });
    const r = await createClinicAction({ name: 'Two', slug: 'same-slug', timezone: 'UTC' });
    expect(fieldError(r, 'slug')).toBe('Another clinic already uses this slug.');
  });

  it('rejects smuggled fields (strict input)', async () => {
    const r = await createClinicAction({
      name: 'X',
      slug: 'fine-slug',
      timezone: 'UTC',
      active: false,
    } as never);
    expect(r.validationErrors).toBeDefined();
    expect(await findClinicBySlug('fine-slug')).toBeUndefined();
  });

  it('deactivating ends members’ access on their next request', async () => {
    await signIn({ label: 'a doctor', user: w.a.users.doctor, clinicId: w.a.id });
    const before = await switchClinicAction({ clinicId: w.a.id });
    expect(before.data).toBeDefined();
    await signIn({ label: 'ops', user: w.ops, globalMode: true });
    expect((await deactivateClinicAction({ clinicId: w.a.id })).data).toEqual({
      id: w.a.id,
      active: false,
    });
    await signIn({ label: 'a doctor', user: w.a.users.doctor, clinicId: w.a.id });
    expect((await switchClinicAction({ clinicId: w.a.id })).serverError).toBe(
      'You are not a member of that clinic.',
    );
  });

  it('reports an unknown clinic as not found, without an audit row', async () => {
    const clinicId = randomUUID();
    const r = await deactivateClinicAction({ clinicId });
    expect(r.serverError).toBe('Clinic not found.');
    expect((await auditRows('clinic.deactivate')).filter((e) => e.entityId === clinicId)).toEqual(
      [],
    );
  });
});

describe('users', () => {
  const input = { email: 'Pat.Lee@Example.test', name: 'Pat Lee', password: 'quiet harbour lamps' };

  it('creates a user with an argon2id hash and returns no secrets', async () => {
    const r = await createUserAction(input);
    expect(r.data).toEqual({ id: expect.any(String), email: input.email, name: 'Pat Lee' });
    expect(JSON.stringify(r)).not.toContain('argon2');
    const row = await findUserByEmail('pat.lee@example.test');
    expect(row?.passwordHash.startsWith('$argon2id$')).toBe(true);
    expect(row?.systemRoleId).toBeNull();
  });

  it('refuses a duplicate email (any letter case) with a field error, not a 500', async () => {
    await createUserAction(input);
    const r = await createUserAction({ ...input, email: 'pat.lee@example.TEST' });
    expect(fieldError(r, 'email')).toBe('A user with this email already exists.');
  });

  it.each([
    ['11 characters', 'x'.repeat(11), 'Use at least 12 characters'],
    ['129 characters', 'x'.repeat(129), 'Use at most 128 characters'],
    ['a guessable password', 'Password1234', 'too easy to guess'],
  ])('refuses %s', async (_label, password, message) => {
    const r = await createUserAction({ ...input, password });
    expect(fieldError(r, 'password')).toContain(message);
    expect(await findUserByEmail(input.email)).toBeUndefined();
  });

  it('accepts 12 and 128 characters', async () => {
    expect((await createUserAction({ ...input, password: 'x1y2z3w4v5u6' })).data).toBeDefined();
    const long = { ...input, email: 'long@example.test', password: 'lamp '.repeat(25) + 'end' };
    expect(long.password).toHaveLength(128);
    expect((await createUserAction(long)).data).toBeDefined();
  });

  it('cannot hand out a system role through the input', async () => {
    const r = await createUserAction({ ...input, systemRoleId: 'system_admin' } as never);
    expect(r.validationErrors).toBeDefined();
    expect(await findUserByEmail(input.email)).toBeUndefined();
  });

  it('disabling revokes the user’s live session; enabling lets them sign in again', async () => {
    const nurse = w.a.users.nurse;
    await signIn({ label: 'nurse', user: nurse, clinicId: w.a.id });
    const { testSession } = await import('@/test/session-state');
    const nurseSession = testSession.current;

    await signIn({ label: 'ops', user: w.ops, globalMode: true });
    expect((await disableUserAction({ userId: nurse.id })).data).toEqual({
      id: nurse.id,
      disabled: true,
    });
    testSession.current = nurseSession;
    expect((await switchClinicAction({ clinicId: w.a.id })).serverError).toMatch(/sign in/i);

    await signIn({ label: 'ops', user: w.ops, globalMode: true });
    expect((await enableUserAction({ userId: nurse.id })).data?.disabled).toBe(false);
    // The old token stays dead (session version moved on); a fresh sign-in works.
    testSession.current = nurseSession;
    expect((await switchClinicAction({ clinicId: w.a.id })).serverError).toMatch(/sign in/i);
    await signIn({ label: 'nurse', user: nurse, clinicId: w.a.id });
    expect((await switchClinicAction({ clinicId: w.a.id })).data).toBeDefined();
  });

  it('will not let an operator disable their own account', async () => {
    const r = await disableUserAction({ userId: w.ops.id });
    expect(r.serverError).toBe('You cannot disable your own account.');
    expect((await getUser(w.ops.id))?.disabled).toBe(false);
  });
});

describe('memberships', () => {
  it('adds a membership with a clinic role', async () => {
    const r = await addMembershipAction({ userId: w.loner.id, clinicId: w.b.id, roleId: 'doctor' });
    expect((await getMembership(r.data!.id))?.roleId).toBe('doctor');
  });

  it('refuses a duplicate membership with a field error', async () => {
    const r = await addMembershipAction({
      userId: w.a.users.nurse.id,
      clinicId: w.a.id,
      roleId: 'doctor',
    });
    expect(fieldError(r, 'userId')).toMatch(/already a member/);
  });

  it('refuses unknown users and clinics with field errors', async () => {
    const r = await addMembershipAction({
      userId: randomUUID(),
      clinicId: randomUUID(),
      roleId: 'nurse',
    });
    expect(fieldError(r, 'userId')).toBe('That user does not exist.');
    expect(fieldError(r, 'clinicId')).toBe('That clinic does not exist.');
  });

  it('never grants a system role through a membership', async () => {
    const add = await addMembershipAction({
      userId: w.loner.id,
      clinicId: w.a.id,
      roleId: 'system_admin' as never,
    });
    expect(fieldError(add, 'roleId')).toBe('Choose a clinic role');
    const change = await changeMembershipRoleAction({
      membershipId: w.a.memberships.nurse,
      roleId: 'system_admin' as never,
    });
    expect(fieldError(change, 'roleId')).toBe('Choose a clinic role');
    expect((await getMembership(w.a.memberships.nurse))?.roleId).toBe('nurse');
  });

  it('a role change applies on the member’s next request, without signing them out', async () => {
    const receptionist = w.a.users.receptionist;
    await signIn({ label: 'receptionist', user: receptionist, clinicId: w.a.id });
    const { testSession } = await import('@/test/session-state');
    const old = testSession.current;
    await signIn({ label: 'ops', user: w.ops, globalMode: true });
    await changeMembershipRoleAction({
      membershipId: w.a.memberships.receptionist,
      roleId: 'doctor',
    });
    testSession.current = old;
    expect((await switchClinicAction({ clinicId: w.a.id })).serverError).toBeUndefined();
    expect((await requireClinicContext()).roleId).toBe('doctor');
  });

  it('explains why a practitioner with appointments cannot be removed (no 500)', async () => {
    const r = await removeMembershipAction({ membershipId: w.a.practitionerMembershipId });
    expect(r.serverError).toMatch(/practitioner on appointments/);
    expect(r.serverError).not.toMatch(/Something went wrong/);
    expect(await getMembership(w.a.practitionerMembershipId)).toBeDefined();
    // The failed attempt left no success row behind (the audit shares the transaction).
    expect(
      (await auditRows('membership.remove')).filter(
        (e) => e.entityId === w.a.practitionerMembershipId,
      ),
    ).toHaveLength(0);
  });

  it('removes a membership without appointments', async () => {
    const r = await removeMembershipAction({ membershipId: w.a.memberships.nurse });
    expect(r.data).toEqual({ id: w.a.memberships.nurse });
    expect(await getMembership(w.a.memberships.nurse)).toBeUndefined();
  });

  it('reports an unknown membership as not found', async () => {
    const r = await removeMembershipAction({ membershipId: randomUUID() });
    expect(r.serverError).toBe('Membership not found.');
  });
});

describe('setting definitions', () => {
  it('stores a default of the definition’s type and the overridable flag, audited', async () => {
    const r = await updateSettingDefinitionAction({
      key: 'export_retention_days',
      value: ' 45 ',
      clinicOverridable: 'false',
    });
    expect(r.data).toEqual({
      key: 'export_retention_days',
      defaultValue: 45,
      clinicOverridable: false,
    });
    const d = await getSettingDefinition('export_retention_days');
    expect(d?.defaultValue).toBe(45);
    expect(d?.clinicOverridable).toBe(false);
    expect(await auditRows('setting_definition.update')).toHaveLength(1);
  });

  it.each([
    ['export_retention_days', 'ninety'],
    ['export_retention_days', '-5'],
    ['export_retention_days', '2.5'],
    ['timezone', 'Mars/Olympus'],
    // The code's own rule for this key (lib/settings/catalog.ts): capitals, digits and dashes.
    ['mrn_prefix', 'mrn/'],
    // Half a surrogate pair: Postgres refuses it in jsonb, which was a 500 (found by the fuzz).
    ['display_name', 'Garcia\ud800'],
  ])('refuses %s = %j with a field error', async (key, value) => {
    const before = await getSettingDefinition(key);
    const r = await updateSettingDefinitionAction({ key, value, clinicOverridable: true });
    expect(fieldError(r, 'value')).toBeTruthy();
    expect(await getSettingDefinition(key)).toEqual(before);
  });

  it('checks a known setting by its catalog schema alone, the one its hint is read from', async () => {
    const r = await updateSettingDefinitionAction({
      key: 'export_retention_days',
      value: '99999',
      clinicOverridable: true,
    });
    expect(fieldError(r, 'value')).toBe('At most 3650 days (10 years)');
    expect(settingHint('export_retention_days')).toContain('1 to 3650');
  });

  it('accepts a timezone and a string default', async () => {
    expect(
      (
        await updateSettingDefinitionAction({
          key: 'timezone',
          value: 'America/Chicago',
          clinicOverridable: true,
        })
      ).data?.defaultValue,
    ).toBe('America/Chicago');
    expect(
      (
        await updateSettingDefinitionAction({
          key: 'mrn_prefix',
          value: 'PT-',
          clinicOverridable: true,
        })
      ).data?.defaultValue,
    ).toBe('PT-');
  });

  it('reports an unknown key as not found', async () => {
    const r = await updateSettingDefinitionAction({
      key: 'nope',
      value: '1',
      clinicOverridable: true,
    });
    expect(r.serverError).toBe('Setting not found.');
  });
});
