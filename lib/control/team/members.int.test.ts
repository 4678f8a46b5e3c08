/**
 * Changing roles and removing members: the clinic admin's actions and the operator's, under one
 * last-admin rule enforced in the database transaction (also against two demotions at once), and
 * removal ending the person's work in the clinic at their next request.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import {
  addMembership,
  changeRoleIn,
  getMembership,
  listUserClinics,
} from '@/db/control/memberships';
import { getUser } from '@/db/control/users';
import { requireClinicContext, requireUser } from '@/lib/auth/context';
import { changeMembershipRoleAction } from '@/lib/control/actions/change-membership-role';
import { inviteToClinicAction } from '@/lib/control/actions/invite-to-clinic';
import { removeMembershipAction } from '@/lib/control/actions/remove-membership';
import { NoClinicError } from '@/lib/errors';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { SYSTEM_ACTOR } from '@/test/fixtures';
import { buildWorld, signIn, type World } from '@/test/isolation-harness';
import { fromPage, testSession } from '@/test/session-state';
import { useSmtpCapture } from '@/test/smtp-transport';
import { clinicAudit, invitationsOf, systemAudit } from '@/test/team-support';
import { changeMemberRoleAction } from './actions/change-member-role';
import { removeMemberAction } from './actions/remove-member';

const db = useTestDatabase();
const smtp = useSmtpCapture();
let w: World;

const LAST_ADMIN = /last admin/;

beforeEach(async () => {
  await resetDatabase(db.handle());
  w = await buildWorld();
  await signIn({ label: 'a admin', user: w.a.users.clinic_admin, clinicId: w.a.id });
});

const asAdminOfA = () =>
  signIn({ label: 'a admin', user: w.a.users.clinic_admin, clinicId: w.a.id });

describe('changing a role', () => {
  it('applies on the member’s next request, without signing them out, and is audited', async () => {
    const nurse = w.a.users.nurse;
    const sv = (await getUser(nurse.id))!.sessionVersion;
    const r = await fromPage(changeMemberRoleAction)({
      membershipId: w.a.memberships.nurse,
      roleId: 'doctor',
    });
    expect(r.data).toEqual({ id: w.a.memberships.nurse, roleId: 'doctor' });
    expect((await getMembership(w.a.memberships.nurse))?.roleId).toBe('doctor');
    expect((await getUser(nurse.id))!.sessionVersion).toBe(sv);
    await signIn({ label: 'nurse', user: nurse, clinicId: w.a.id });
    expect((await requireClinicContext()).roleId).toBe('doctor');
    const [row] = await clinicAudit(w.a.id, 'member.change_role');
    expect(row).toMatchObject({
      actorUserId: w.a.users.clinic_admin.id,
      outcome: 'success',
      metadata: { userId: nurse.id, from: 'nurse', to: 'doctor' },
    });
  });

  it('never demotes or removes the clinic’s last admin, from the clinic or the control plane', async () => {
    const admin = w.a.memberships.clinic_admin;
    const demote = await fromPage(changeMemberRoleAction)({ membershipId: admin, roleId: 'nurse' });
    expect(demote.serverError).toMatch(LAST_ADMIN);
    expect((await fromPage(removeMemberAction)({ membershipId: admin })).serverError).toMatch(
      LAST_ADMIN,
    );
    await signIn({ label: 'ops', user: w.ops, globalMode: true });
    const ops = await changeMembershipRoleAction({ membershipId: admin, roleId: 'doctor' });
    expect(ops.serverError).toMatch(LAST_ADMIN);
    expect((await removeMembershipAction({ membershipId: admin })).serverError).toMatch(LAST_ADMIN);
    expect((await getMembership(admin))?.roleId).toBe('clinic_admin');
    const denied = await clinicAudit(w.a.id, 'member.change_role');
    // Sorted by the target role: both rows share a timestamp tick, so the log's order is not theirs.
    const byTarget = denied
      .map((e) => [e.outcome, e.metadata] as const)
      .sort(([, a], [, b]) => String(a?.to).localeCompare(String(b?.to)));
    expect(byTarget).toEqual([
      ['denied', { to: 'doctor', reason: 'last_admin' }],
      ['denied', { to: 'nurse', reason: 'last_admin' }],
    ]);
    expect((await systemAudit('member.change_role')).map((e) => e.outcome)).toEqual(['denied']);

    // With a second admin, one of them may step down; then the other is the last again.
    await asAdminOfA();
    const second = w.a.memberships.receptionist;
    await fromPage(changeMemberRoleAction)({ membershipId: second, roleId: 'clinic_admin' });
    expect((await fromPage(removeMemberAction)({ membershipId: second })).data).toBeDefined();
    expect((await fromPage(removeMemberAction)({ membershipId: admin })).serverError).toMatch(
      LAST_ADMIN,
    );
  });

  it('of two demotions of the last two admins at once, exactly one wins', async () => {
    const other = (
      await addMembership(SYSTEM_ACTOR, {
        userId: w.loner.id,
        clinicId: w.a.id,
        roleId: 'clinic_admin',
      })
    ).id;
    const clinicId = w.a.id;
    const demote = (membershipId: string, hold = 0) =>
      getDb().db.transaction(async (tx) => {
        const r = await changeRoleIn(tx as never, { membershipId, clinicId }, 'doctor');
        // Keep the first transaction open while the second one decides.
        await new Promise((resolve) => setTimeout(resolve, hold));
        return r;
      });
    const first = demote(w.a.memberships.clinic_admin, 500);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = demote(other);
    // Without the lock the second would count two admins (the first's change is not committed).
    expect(await first).toMatchObject({ ok: true });
    expect(await second).toEqual({ ok: false, reason: 'last_admin' });
    const roles = await Promise.all(
      [w.a.memberships.clinic_admin, other].map(async (id) => (await getMembership(id))?.roleId),
    );
    expect(roles).toEqual(['doctor', 'clinic_admin']);
  });
});

describe('removing a member', () => {
  it('sends their next request in that clinic back to the chooser; their account and other clinics stay', async () => {
    // The shared user works in A (nurse) and B (receptionist), and is in A now.
    await signIn({ label: 'shared', user: w.shared, clinicId: w.a.id });
    const inA = await requireClinicContext();
    expect(inA.clinicId).toBe(w.a.id);
    const session = testSession.current;
    const membership = (await listUserClinics(w.shared.id)).find((m) => m.clinicId === w.a.id)!;
    await asAdminOfA();
    const r = await fromPage(removeMemberAction)({ membershipId: membership.membershipId });
    expect(r.data).toBeDefined();

    // The shared user's next request, with the session they had (still naming clinic A).
    testSession.current = session;
    await expect(requireClinicContext()).rejects.toBeInstanceOf(NoClinicError);
    await expect(requireUser()).resolves.toMatchObject({ user: { id: w.shared.id } });
    const [row] = await clinicAudit(w.a.id, 'member.remove');
    expect(row).toMatchObject({ outcome: 'success', metadata: { userId: w.shared.id } });
  });

  it('another clinic’s member is not found, and nothing changes', async () => {
    const r = await fromPage(removeMemberAction)({ membershipId: w.b.memberships.nurse });
    expect(r.serverError).toBe('Member not found.');
    expect(await getMembership(w.b.memberships.nurse)).toBeDefined();
    const c = await fromPage(changeMemberRoleAction)({
      membershipId: w.b.memberships.nurse,
      roleId: 'doctor',
    });
    expect(c.serverError).toBe('Member not found.');
    expect((await getMembership(w.b.memberships.nurse))?.roleId).toBe('nurse');
  });

  it('a practitioner with appointments is explained, not a 500', async () => {
    const r = await fromPage(removeMemberAction)({ membershipId: w.a.memberships.doctor });
    expect(r.serverError).toMatch(/practitioner on appointments/);
  });
});

describe('operators', () => {
  it('invite into any clinic with the same link, audited in both logs', async () => {
    await signIn({ label: 'ops', user: w.ops, globalMode: true });
    const r = await inviteToClinicAction({
      clinicId: w.b.id,
      email: 'new.admin@example.test',
      roleId: 'clinic_admin',
    });
    expect(r.data).toEqual({ id: expect.any(String) });
    expect((await invitationsOf(w.b.id)).map((i) => i.invitedBy)).toEqual([w.ops.id]);
    expect((await smtp().waitFor('new.admin@example.test')).parsed.text).toMatch(/\/invite\//);
    expect(await clinicAudit(w.b.id, 'invitation.create')).toHaveLength(1);
    expect((await systemAudit('invitation.create')).map((e) => e.clinicId)).toEqual([w.b.id]);
    const inactive = await inviteToClinicAction({
      clinicId: w.inactiveClinic.id,
      email: 'x@example.test',
      roleId: 'nurse',
    });
    expect(inactive.validationErrors).toBeDefined();
  });
});
