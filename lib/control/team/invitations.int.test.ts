/**
 * The invitation lifecycle through the real actions, with mail delivered to a real SMTP server:
 * create, resend, revoke, expire, accept as a new person and as an account holder, the wrong
 * address, reuse, and the role a clinic admin may hand out. (Who may call each action at all is
 * test/isolation-matrix.int.test.ts's job.)
 */
import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { findUserByEmail, getUser } from '@/db/control/users';
import { invitations } from '@/db/schema';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { buildWorld, signIn, type World } from '@/test/isolation-harness';
import { fromPage, signOut, testSession } from '@/test/session-state';
import {
  clinicAudit,
  fieldError,
  invitationsOf,
  membershipOf,
  systemAudit,
  tokenIn,
} from '@/test/team-support';
import { useSmtpCapture } from '@/test/smtp-transport';
import { describeInvitation } from './accept';
import { acceptInvitationAction } from './actions/accept-invitation';
import { createAccountFromInvitationAction } from './actions/create-account-from-invitation';
import { inviteMemberAction } from './actions/invite-member';
import { resendInvitationAction } from './actions/resend-invitation';
import { revokeInvitationAction } from './actions/revoke-invitation';
import { inviteMember, mayGrant } from './invite';
import { hashInvitationToken } from './tokens';

const db = useTestDatabase();
const smtp = useSmtpCapture();
let w: World;

const PASSWORD = 'lantern orchard quietly 42';

beforeEach(async () => {
  await resetDatabase(db.handle());
  smtp().messages.length = 0;
  w = await buildWorld();
  await signIn({ label: 'a admin', user: w.a.users.clinic_admin, clinicId: w.a.id });
});

/** Invites as clinic A's admin; returns the token from the delivered message. */
async function invite(email: string, roleId = 'nurse'): Promise<string> {
  const r = await fromPage(inviteMemberAction)({ email, roleId: roleId as 'nurse' });
  expect(r.validationErrors ?? r.serverError).toBeUndefined();
  return tokenIn((await smtp().waitFor(email)).parsed.text);
}

async function newPerson(token: string, password = PASSWORD) {
  signOut();
  return createAccountFromInvitationAction({ token, name: 'Nia Nurse', password });
}

describe('inviting', () => {
  it('stores only the token’s hash, for 7 days, and mails a link naming the clinic and inviter', async () => {
    const before = Date.now();
    const token = await invite('nia@example.test');
    const [row] = await invitationsOf(w.a.id);
    expect(row).toMatchObject({ email: 'nia@example.test', roleId: 'nurse' });
    expect(row!.tokenHash).toBe(hashInvitationToken(token));
    expect(row!.tokenHash).not.toContain(token);
    const days = (row!.expiresAt.getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);
    const mail = smtp().messages[0]!;
    expect(mail.parsed.subject).toBe(`clinic_admin-a invited you to a clinic`);
    expect(mail.parsed.text).toContain('as Nurse');
    expect(mail.parsed.text).toContain('within 7 days');
    expect((await clinicAudit(w.a.id, 'invitation.create')).map((e) => e.outcome)).toEqual([
      'success',
    ]);
    expect((await clinicAudit(w.a.id, 'mail.sent')).map((e) => e.metadata)).toEqual([
      { kind: 'invitation', to: 'nia@example.test' },
    ]);
  });

  it('tells the admin when the address is already a member, or already invited', async () => {
    const member = await fromPage(inviteMemberAction)({
      email: w.a.users.nurse.email.toUpperCase(),
      roleId: 'doctor',
    });
    expect(fieldError(member, 'email')).toMatch(/already a member of a clinic/);
    await invite('nia@example.test');
    const again = await fromPage(inviteMemberAction)({
      email: 'NIA@example.test',
      roleId: 'doctor',
    });
    expect(fieldError(again, 'email')).toMatch(/already open/);
    expect(await invitationsOf(w.a.id)).toHaveLength(1);
    expect(smtp().messages).toHaveLength(1);
  });

  it('an address the mail server refuses is a field error, and leaves no invitation', async () => {
    // zod accepts it; the SMTP server does not (found by the endpoint fuzz).
    const r = await fromPage(inviteMemberAction)({ email: 'a@a-.a.aa', roleId: 'nurse' });
    expect(fieldError(r, 'email')).toMatch(/mail server refused/);
    expect(await invitationsOf(w.a.id)).toEqual([]);
    expect(await clinicAudit(w.a.id, 'mail.sent')).toEqual([]);
  });

  it('refuses a system role, and a role beyond the inviter’s own', async () => {
    const system = await fromPage(inviteMemberAction)({
      email: 'x@example.test',
      roleId: 'system_admin' as 'nurse',
    });
    expect(fieldError(system, 'roleId')).toBeDefined();
    // A receptionist lacks patients.export, which doctors hold: they could not hand it out.
    expect(mayGrant('receptionist', 'doctor')).toBe(false);
    expect(mayGrant('doctor', 'nurse')).toBe(true);
    expect(mayGrant('clinic_admin', 'clinic_admin')).toBe(true);
    const refused = await inviteMember(
      {
        userId: w.a.users.receptionist.id,
        controlPlane: false,
        name: 'Rita',
        clinicId: w.a.id,
        clinicName: 'a clinic',
        roleId: 'receptionist',
      },
      { email: 'y@example.test', roleId: 'doctor' },
    );
    expect(refused).toEqual({ field: 'roleId', message: expect.stringMatching(/permissions/) });
    expect(await invitationsOf(w.a.id)).toEqual([]);
  });
});

describe('resend, revoke, expiry', () => {
  it('resending sends a new link; the old one stops working', async () => {
    const first = await invite('nia@example.test');
    const [row] = await invitationsOf(w.a.id);
    smtp().messages.length = 0;
    const r = await fromPage(resendInvitationAction)({ invitationId: row!.id });
    expect(r.data).toEqual({ id: row!.id });
    const second = tokenIn((await smtp().waitFor('nia@example.test')).parsed.text);
    expect(second).not.toBe(first);
    expect(await describeInvitation(first)).toEqual({ state: 'invalid' });
    expect(await describeInvitation(second)).toMatchObject({ state: 'open' });
    expect(await clinicAudit(w.a.id, 'invitation.resend')).toHaveLength(1);
  });

  it('a revoked invitation cannot be accepted, resent or revoked again', async () => {
    const token = await invite('nia@example.test');
    const [row] = await invitationsOf(w.a.id);
    expect((await fromPage(revokeInvitationAction)({ invitationId: row!.id })).data).toBeDefined();
    expect(await describeInvitation(token)).toMatchObject({ state: 'revoked' });
    const again = await fromPage(revokeInvitationAction)({ invitationId: row!.id });
    expect(again.serverError).toBe('That invitation is no longer open.');
    const resend = await fromPage(resendInvitationAction)({ invitationId: row!.id });
    expect(resend.serverError).toBe('That invitation is no longer open.');
    expect((await newPerson(token)).serverError).toMatch(/withdrawn/);
    expect(await findUserByEmail('nia@example.test')).toBeUndefined();
  });

  it('an expired link is refused and changes nothing', async () => {
    const token = await invite('nia@example.test');
    await getDb()
      .db.update(invitations)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(invitations.clinicId, w.a.id));
    expect(await describeInvitation(token)).toMatchObject({ state: 'expired' });
    expect((await newPerson(token)).serverError).toMatch(/expired/);
    expect(await findUserByEmail('nia@example.test')).toBeUndefined();
    expect((await invitationsOf(w.a.id))[0]!.acceptedAt).toBeNull();
    expect((await systemAudit('invitation.accept')).map((e) => e.metadata)).toEqual([
      { reason: 'expired' },
    ]);
  });
});

describe('accepting', () => {
  it('a new person sets a password that meets the policy, joins with the invited role and is signed in', async () => {
    const token = await invite('nia@example.test');
    const weak = await newPerson(token, 'password1234');
    expect(fieldError(weak, 'password')).toBeDefined();
    expect(await findUserByEmail('nia@example.test')).toBeUndefined();

    const r = await newPerson(token);
    expect(r.data).toMatchObject({ redirectTo: expect.any(String) });
    const user = await findUserByEmail('nia@example.test');
    expect(user?.name).toBe('Nia Nurse');
    expect(user?.passwordHash.startsWith('$argon2id$')).toBe(true);
    expect((await membershipOf(user!.id, w.a.id))?.roleId).toBe('nurse');
    expect(await membershipOf(user!.id, w.b.id)).toBeUndefined();
    expect((await invitationsOf(w.a.id))[0]).toMatchObject({ acceptedBy: user!.id });
    expect((await clinicAudit(w.a.id, 'invitation.accept')).map((e) => e.actorUserId)).toEqual([
      user!.id,
    ]);
    // Used once: the same link again is refused, and nothing changes.
    expect((await newPerson(token)).serverError).toBe('This invitation has already been used.');
    expect(await describeInvitation(token)).toMatchObject({ state: 'used' });
  });

  it('an account holder signs in as the invited address and the membership is added, signed in', async () => {
    const holder = w.b.users.nurse;
    const token = await invite(holder.email, 'receptionist');
    expect(await describeInvitation(token)).toMatchObject({ state: 'open', accountExists: true });
    // Creating a second account for the address is refused: they sign in instead.
    expect((await newPerson(token)).serverError).toMatch(/already exists/);

    const sv = (await getUser(holder.id))!.sessionVersion;
    await signIn({ label: 'b nurse', user: holder, clinicId: w.b.id });
    const r = await acceptInvitationAction({ token });
    expect(r.data).toEqual({ clinicId: w.a.id, clinicName: 'a clinic' });
    expect((await membershipOf(holder.id, w.a.id))?.roleId).toBe('receptionist');
    expect(testSession.current?.activeClinicId).toBe(w.a.id);
    // Added access revokes nothing: the session lives on.
    expect((await getUser(holder.id))!.sessionVersion).toBe(sv);
    expect((await acceptInvitationAction({ token })).serverError).toBe(
      'This invitation has already been used.',
    );
  });

  it('signed in as someone else: refused, named, and nothing changes', async () => {
    const token = await invite('nia@example.test');
    await signIn({ label: 'b nurse', user: w.b.users.nurse, clinicId: w.b.id });
    const r = await acceptInvitationAction({ token });
    expect(r.serverError).toMatch(/for nia@example\.test, but you are signed in as/);
    expect(await membershipOf(w.b.users.nurse.id, w.a.id)).toBeUndefined();
    expect((await invitationsOf(w.a.id))[0]!.acceptedAt).toBeNull();
    expect(testSession.current?.activeClinicId).toBe(w.b.id);
  });

  it('a token grants its own clinic only, and another clinic’s admin cannot touch it', async () => {
    const token = await invite(w.shared.email.replace('shared', 'newcomer'));
    const [row] = await invitationsOf(w.a.id);
    await signIn({ label: 'b admin', user: w.b.users.clinic_admin, clinicId: w.b.id });
    for (const action of [resendInvitationAction, revokeInvitationAction]) {
      const r = await fromPage(action)({ invitationId: row!.id });
      expect(r.serverError).toBe('That invitation is no longer open.');
    }
    expect((await invitationsOf(w.a.id))[0]).toMatchObject({
      revokedAt: null,
      tokenHash: row!.tokenHash,
    });
    const r = await newPerson(token);
    expect(r.data).toBeDefined();
    const user = await findUserByEmail(row!.email);
    expect(await membershipOf(user!.id, w.b.id)).toBeUndefined();
    expect(await membershipOf(user!.id, w.a.id)).toBeDefined();
  });

  it('an unknown or malformed token is a clear refusal', async () => {
    expect(await describeInvitation('A'.repeat(43))).toEqual({ state: 'invalid' });
    expect((await newPerson('A'.repeat(43))).serverError).toMatch(/not valid/);
    expect(fieldError(await newPerson('short'), 'token')).toBe('This link is not valid.');
  });
});
