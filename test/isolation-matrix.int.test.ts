/**
 * The isolation matrix: every server action and clinic route handler, called the ways an attacker
 * would. Server actions are public POST endpoints, so each one must re-authenticate and
 * re-authorize itself (docs/PERMISSIONS.md, SECURITY.md "Authorization").
 *
 * - Tenant-plane actions (clinicAction) and routes (withClinic): anonymous → refused (401);
 *   another clinic's user on clinic A's ids → clinic A untouched (404 / refused where the input
 *   names ids); a same-clinic user without the permission → ForbiddenError (403), nothing changed.
 * - Control-plane actions: anonymous, a clinic admin, a clinic admin claiming global mode, ops
 *   outside global mode and a disabled user → refused, audited as control_plane.denied, nothing
 *   changed; ops in global mode → works.
 * - Session actions: anonymous refused; a forbidden switch leaves the session as it was and is
 *   audited.
 *
 * The coverage test at the bottom fails when an action or route exists that this table does not
 * list. Adding an endpoint? Add its row to MATRIX.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { NextResponse } from 'next/server';
import { createSafeActionClient } from 'next-safe-action';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getClinic, findClinicBySlug } from '@/db/control/clinics';
import { getMembership, listAllMemberships } from '@/db/control/memberships';
import { getSettingDefinition } from '@/db/control/settings';
import { findUserByEmail, getUser } from '@/db/control/users';
import { startSession } from '@/db/control/sessions';
import { patients, retentionRuns, users } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { GET as patientSearchGET } from '@/app/api/patients/search/route';
import { GET as exportsGET } from '@/app/api/exports/route';
import { GET as staffSearchGET } from '@/app/api/staff/search/route';
import { GET as freeSlotsGET } from '@/app/api/appointments/free-slots/route';
import { GET as downloadGET } from '@/app/file/download/[attachmentId]/route';
import { GET as patientSummaryGET } from '@/app/file/patient-summary/[patientId]/route';
import { POST as patientDocumentsPOST } from '@/app/api/patients/[patientId]/documents/route';
import { bookAppointmentAction } from '@/lib/actions/appointments/book-appointment';
import { setAppointmentStatusAction } from '@/lib/actions/appointments/set-appointment-status';
import { updateAppointmentAction } from '@/lib/actions/appointments/update-appointment';
import { requestAppointmentsCsvAction } from '@/lib/actions/exports/request-appointments-csv';
import { requestMonthlyReportAction } from '@/lib/actions/exports/request-monthly-report';
import { requestPatientSummaryAction } from '@/lib/actions/exports/request-patient-summary';
import { requestPatientsCsvAction } from '@/lib/actions/exports/request-patients-csv';
import { createPatientAction } from '@/lib/actions/patients/create-patient';
import { updatePatientAction } from '@/lib/actions/patients/update-patient';
import { clinicAction } from '@/lib/actions/safe-action';
import { resetSettingAction } from '@/lib/actions/settings/reset-setting';
import { updateSettingAction } from '@/lib/actions/settings/update-setting';
import { withClinic } from '@/lib/api/with-clinic';
import { changePasswordAction } from '@/lib/auth/actions/change-password';
import { endSessionsAction } from '@/lib/auth/actions/end-sessions';
import { setGlobalModeAction } from '@/lib/auth/actions/global-mode';
import { switchClinicAction } from '@/lib/auth/actions/switch-clinic';
import { requireClinicContext, requirePermission } from '@/lib/auth/context';
import { hashPassword } from '@/lib/auth/password';
import { addMembershipAction } from '@/lib/control/actions/add-membership';
import { changeMembershipRoleAction } from '@/lib/control/actions/change-membership-role';
import { createClinicAction } from '@/lib/control/actions/create-clinic';
import { createUserAction } from '@/lib/control/actions/create-user';
import { deactivateClinicAction } from '@/lib/control/actions/deactivate-clinic';
import { disableUserAction } from '@/lib/control/actions/disable-user';
import { enableUserAction } from '@/lib/control/actions/enable-user';
import { reactivateClinicAction } from '@/lib/control/actions/reactivate-clinic';
import { removeMembershipAction } from '@/lib/control/actions/remove-membership';
import { previewRetentionAction } from '@/lib/control/actions/preview-retention';
import { runRetentionAction } from '@/lib/control/actions/run-retention';
import { updateSettingDefinitionAction } from '@/lib/control/actions/update-setting-definition';
import { inviteToClinicAction } from '@/lib/control/actions/invite-to-clinic';
import { acceptInvitationAction } from '@/lib/control/team/actions/accept-invitation';
import { changeMemberRoleAction } from '@/lib/control/team/actions/change-member-role';
import { inviteMemberAction } from '@/lib/control/team/actions/invite-member';
import { removeMemberAction } from '@/lib/control/team/actions/remove-member';
import { resendInvitationAction } from '@/lib/control/team/actions/resend-invitation';
import { revokeInvitationAction } from '@/lib/control/team/actions/revoke-invitation';
import { confirmMfaEnrolmentAction } from '@/lib/auth/actions/confirm-mfa-enrolment';
import { disableMfaAction } from '@/lib/auth/actions/disable-mfa';
import { regenerateRecoveryCodesAction } from '@/lib/auth/actions/regenerate-recovery-codes';
import { startMfaEnrolmentAction } from '@/lib/auth/actions/start-mfa-enrolment';
import { resetUserMfaAction } from '@/lib/control/actions/reset-user-mfa';
import { codeFor, MFA_PASSWORD } from './mfa-fixtures';
import { NotFoundError } from '@/lib/errors';
import { insertSupportSession, listClinicSupportSessions } from '@/db/control/support-sessions';
import { endSupportSessionAction } from '@/lib/actions/members/end-support-session';
import { endSupportAccessAction } from '@/lib/auth/actions/end-support-access';
import { openSupportAccessAction } from '@/lib/control/actions/open-support-access';
import { findRepoEndpoints, type Endpoint } from '@/scripts/endpoints';
import { resetDatabase, useTestDatabase } from './db';
import { useTempStorage } from './export-support';
import {
  buildWorld,
  checkClinicAction,
  checkClinicRoute,
  checkControlAction,
  checkSessionAction,
  storeExportFile,
  type AnyAction,
  type ClinicActionEntry,
  type ClinicRouteEntry,
  type MatrixEntry,
  type World,
} from './isolation-harness';
import { lackingRoles } from './lacking-role';
import { useSmtpCapture } from './smtp-transport';
import { invitationsOf, makeInvitation } from './team-support';

const db = useTestDatabase();
// Export jobs run inline in tests and the download row needs stored bytes: a temp directory.
useTempStorage();
// Invitations are mailed: to a real SMTP server in-process.
useSmtpCapture();

/** One stored export file of clinic A per world, for the download route's row. */
const clinicAFiles = new WeakMap<World, string>();
async function storeClinicAFile(w: World): Promise<void> {
  clinicAFiles.set(w, await storeExportFile(w.a.id));
}

/** One open invitation of clinic A per world (issue 10 §2 rows): its id and token. */
const clinicAInvitations = new WeakMap<World, { id: string; token: string }>();
async function openClinicAInvitation(w: World): Promise<void> {
  clinicAInvitations.set(
    w,
    await makeInvitation({
      clinicId: w.a.id,
      email: 'pending@matrix.test',
      roleId: 'nurse',
      invitedBy: w.a.users.clinic_admin.id,
    }),
  );
}

/** One live support session of ops in clinic A per world, for the end-support row. */
const clinicASupport = new WeakMap<World, string>();
async function openClinicASupport(w: World): Promise<void> {
  const now = Date.now();
  const row = await insertSupportSession({
    operatorUserId: w.ops.id,
    userSessionId: await startSession(w.ops.id, now, 60 * 60_000),
    clinicId: w.a.id,
    reason: 'Matrix: a live support session',
    writeReason: null,
    startedAt: new Date(now),
    expiresAt: new Date(now + 30 * 60_000),
  });
  clinicASupport.set(w, row.id);
}

/** The account rows: a real password to change, and another user's session to try to end. */
const MATRIX_PASSWORD = 'old kettle on the harbour wall';
const NEW_MATRIX_PASSWORD = 'lanterns drift over wet fields';
const otherUsersSession = new WeakMap<World, string>();

async function freshWorld(): Promise<World> {
  await resetDatabase(db.handle());
  return buildWorld();
}

// ---------------------------------------------------------------------------------------------
// THE MATRIX: one row per server action and route handler.

const MATRIX: MatrixEntry[] = [
  // ---- Tenant plane (clinicAction / withClinic) ----
  {
    kind: 'clinic-action',
    id: 'lib/actions/patients/create-patient.ts#createPatientAction',
    action: createPatientAction,
    permission: 'patients.create',
    // A name every fixture clinic shares: the duplicate check must only ever see its own clinic.
    input: () => ({
      givenName: 'Maria',
      familyName: 'Garcia',
      dateOfBirth: '1980-04-12',
      sex: 'female',
      confirmDuplicate: true,
    }),
    takesIds: false,
  },
  {
    kind: 'clinic-action',
    id: 'lib/actions/patients/update-patient.ts#updatePatientAction',
    action: updatePatientAction,
    permission: 'patients.update',
    input: (w) => ({
      id: w.a.patientIds[0],
      givenName: 'Maria',
      familyName: 'Garcia-Lopez',
      dateOfBirth: '1980-04-12',
      sex: 'female',
    }),
    takesIds: true,
  },
  {
    kind: 'clinic-route',
    id: 'app/api/patients/search/route.ts#GET',
    handler: patientSearchGET as ClinicRouteEntry['handler'],
    permission: 'patients.read',
    request: () => ({ url: '/api/patients/search?q=Garcia' }),
    takesIds: false,
  },
  {
    kind: 'clinic-action',
    id: 'lib/actions/appointments/book-appointment.ts#bookAppointmentAction',
    action: bookAppointmentAction,
    permission: 'appointments.manage',
    input: (w) => ({
      patientId: w.a.patientIds[1],
      practitionerMembershipId: w.a.practitionerMembershipId,
      date: '2030-06-04',
      startTime: '10:00',
      durationMinutes: 30,
      reason: 'Follow-up',
    }),
    takesIds: true,
  },
  {
    kind: 'clinic-action',
    id: 'lib/actions/appointments/update-appointment.ts#updateAppointmentAction',
    action: updateAppointmentAction,
    permission: 'appointments.manage',
    input: (w) => ({
      appointmentId: w.a.appointmentId,
      practitionerMembershipId: w.a.practitionerMembershipId,
      date: '2030-06-05',
      startTime: '11:00',
      durationMinutes: 45,
    }),
    takesIds: true,
  },
  {
    kind: 'clinic-action',
    id: 'lib/actions/appointments/set-appointment-status.ts#setAppointmentStatusAction',
    action: setAppointmentStatusAction,
    permission: 'appointments.manage',
    input: (w) => ({ appointmentId: w.a.appointmentId, status: 'cancelled' }),
    takesIds: true,
  },
  {
    kind: 'clinic-action',
    id: 'lib/actions/settings/update-setting.ts#updateSettingAction',
    action: updateSettingAction,
    permission: 'settings.update',
    input: () => ({ key: 'mrn_prefix', value: 'MX-' }),
    takesIds: false,
  },
  {
    kind: 'clinic-action',
    id: 'lib/actions/settings/reset-setting.ts#resetSettingAction',
    action: resetSettingAction,
    permission: 'settings.update',
    input: () => ({ key: 'mrn_prefix' }),
    takesIds: false,
  },
  {
    kind: 'clinic-route',
    id: 'app/api/staff/search/route.ts#GET',
    handler: staffSearchGET as ClinicRouteEntry['handler'],
    permission: 'staff.read',
    request: () => ({ url: '/api/staff/search?q=a' }),
    takesIds: false,
  },
  {
    kind: 'clinic-route',
    id: 'app/api/appointments/free-slots/route.ts#GET',
    handler: freeSlotsGET as ClinicRouteEntry['handler'],
    permission: 'appointments.manage',
    request: (w) => ({
      url: `/api/appointments/free-slots?practitionerMembershipId=${w.a.practitionerMembershipId}&durationMinutes=30`,
    }),
    takesIds: true,
  },
  {
    kind: 'clinic-action',
    id: 'lib/actions/exports/request-patients-csv.ts#requestPatientsCsvAction',
    action: requestPatientsCsvAction,
    permission: 'patients.export',
    // A name every clinic shares: the export must only ever read the caller's clinic.
    input: () => ({ q: 'Garcia', sex: 'female' }),
    takesIds: false,
  },
  {
    kind: 'clinic-action',
    id: 'lib/actions/exports/request-appointments-csv.ts#requestAppointmentsCsvAction',
    action: requestAppointmentsCsvAction,
    permission: 'patients.export',
    input: () => ({ from: '2030-06-01', to: '2030-06-30' }),
    takesIds: false,
  },
  {
    kind: 'clinic-action',
    id: 'lib/actions/exports/request-patient-summary.ts#requestPatientSummaryAction',
    action: requestPatientSummaryAction,
    permission: 'patients.export',
    input: (w) => ({ patientId: w.a.patientIds[0] }),
    takesIds: true,
  },
  {
    kind: 'clinic-action',
    id: 'lib/actions/exports/request-monthly-report.ts#requestMonthlyReportAction',
    action: requestMonthlyReportAction,
    permission: 'patients.export',
    input: () => ({ period: '2026-01' }),
    takesIds: false,
  },
  {
    kind: 'clinic-route',
    id: 'app/file/patient-summary/[patientId]/route.ts#GET',
    handler: patientSummaryGET as ClinicRouteEntry['handler'],
    permission: 'exports.download',
    request: (w) => {
      const patientId = w.a.patientIds[0]!;
      return { url: `/file/patient-summary/${patientId}`, params: { patientId } };
    },
    takesIds: true,
  },
  {
    kind: 'clinic-route',
    id: 'app/api/exports/route.ts#GET',
    handler: exportsGET as ClinicRouteEntry['handler'],
    permission: 'exports.read',
    request: () => ({ url: '/api/exports' }),
    takesIds: false,
  },
  {
    kind: 'clinic-route',
    id: 'app/api/patients/[patientId]/documents/route.ts#POST',
    handler: patientDocumentsPOST as ClinicRouteEntry['handler'],
    permission: 'patients.update',
    request: (w) => {
      const form = new FormData();
      form.set('file', new File([new TextEncoder().encode('%PDF-1.4\n%%EOF\n')], 'referral.pdf'));
      const patientId = w.a.patientIds[0]!;
      return {
        url: `/api/patients/${patientId}/documents`,
        method: 'POST',
        body: form,
        params: { patientId },
      };
    },
    takesIds: true,
  },
  {
    kind: 'clinic-route',
    id: 'app/file/download/[attachmentId]/route.ts#GET',
    handler: downloadGET as ClinicRouteEntry['handler'],
    permission: 'exports.download',
    prepare: storeClinicAFile,
    request: (w) => {
      const attachmentId = clinicAFiles.get(w) ?? 'not-prepared';
      return { url: `/file/download/${attachmentId}`, params: { attachmentId } };
    },
    takesIds: true,
    // Every refusal after sign-in is the same 404 as a missing file.
    deniedStatus: 404,
  },

  // ---- Control plane ----
  {
    kind: 'control-action',
    id: 'lib/control/actions/create-clinic.ts#createClinicAction',
    action: createClinicAction,
    input: () => ({ name: 'Riverside', slug: 'riverside', timezone: 'Europe/Berlin' }),
    verify: async () =>
      (await findClinicBySlug('riverside'))?.timezone === 'Europe/Berlin'
        ? null
        : 'clinic not created',
  },
  {
    kind: 'control-action',
    id: 'lib/control/actions/deactivate-clinic.ts#deactivateClinicAction',
    action: deactivateClinicAction,
    input: (w) => ({ clinicId: w.a.id }),
    verify: async (w) => ((await getClinic(w.a.id))?.active === false ? null : 'still active'),
  },
  {
    kind: 'control-action',
    id: 'lib/control/actions/reactivate-clinic.ts#reactivateClinicAction',
    action: reactivateClinicAction,
    input: (w) => ({ clinicId: w.inactiveClinic.id }),
    verify: async (w) =>
      (await getClinic(w.inactiveClinic.id))?.active === true ? null : 'still inactive',
  },
  {
    kind: 'control-action',
    id: 'lib/control/actions/create-user.ts#createUserAction',
    action: createUserAction,
    input: () => ({
      email: 'new.starter@matrix.test',
      name: 'New Starter',
      password: 'tide pools at dawn',
    }),
    verify: async () =>
      (await findUserByEmail('new.starter@matrix.test'))?.passwordHash.startsWith('$argon2id$')
        ? null
        : 'user not created with an argon2id hash',
  },
  {
    kind: 'control-action',
    id: 'lib/control/actions/disable-user.ts#disableUserAction',
    action: disableUserAction,
    input: (w) => ({ userId: w.a.users.nurse.id }),
    verify: async (w) => ((await getUser(w.a.users.nurse.id))?.disabled ? null : 'not disabled'),
  },
  {
    kind: 'control-action',
    id: 'lib/control/actions/enable-user.ts#enableUserAction',
    action: enableUserAction,
    input: (w) => ({ userId: w.disabledUser.id }),
    verify: async (w) =>
      (await getUser(w.disabledUser.id))?.disabled === false ? null : 'still disabled',
  },
  {
    kind: 'control-action',
    id: 'lib/control/actions/add-membership.ts#addMembershipAction',
    action: addMembershipAction,
    input: (w) => ({ userId: w.loner.id, clinicId: w.a.id, roleId: 'receptionist' }),
    verify: async (w) =>
      (await listAllMemberships()).some(
        (m) => m.userId === w.loner.id && m.clinicId === w.a.id && m.roleId === 'receptionist',
      )
        ? null
        : 'membership not added',
  },
  {
    kind: 'control-action',
    id: 'lib/control/actions/change-membership-role.ts#changeMembershipRoleAction',
    action: changeMembershipRoleAction,
    input: (w) => ({ membershipId: w.a.memberships.nurse, roleId: 'doctor' }),
    verify: async (w) =>
      (await getMembership(w.a.memberships.nurse))?.roleId === 'doctor' ? null : 'role unchanged',
  },
  {
    kind: 'control-action',
    id: 'lib/control/actions/remove-membership.ts#removeMembershipAction',
    action: removeMembershipAction,
    input: (w) => ({ membershipId: w.a.memberships.receptionist }),
    verify: async (w) =>
      (await getMembership(w.a.memberships.receptionist)) ? 'membership still there' : null,
  },
  {
    kind: 'control-action',
    id: 'lib/control/actions/update-setting-definition.ts#updateSettingDefinitionAction',
    action: updateSettingDefinitionAction,
    input: () => ({ key: 'export_retention_days', value: '30', clinicOverridable: false }),
    verify: async () => {
      const d = await getSettingDefinition('export_retention_days');
      return d?.defaultValue === 30 && d.clinicOverridable === false ? null : 'not updated';
    },
  },

  {
    kind: 'control-action',
    id: 'lib/control/actions/preview-retention.ts#previewRetentionAction',
    action: previewRetentionAction,
    input: (w) => ({ clinicId: w.a.id }),
    // Runs a dry run of clinic A there and then: one dry_run row, done, and the counts returned.
    verify: async (w, data) => {
      const runs = await tenantDb(w.a.id).list(retentionRuns, { limit: 5 });
      return typeof (data as { eligibleByAge?: unknown } | undefined)?.eligibleByAge === 'number' &&
        runs.length === 1 &&
        runs[0]?.mode === 'dry_run' &&
        runs[0].status === 'done'
        ? null
        : 'no dry run recorded';
    },
  },
  {
    kind: 'control-action',
    id: 'lib/control/actions/run-retention.ts#runRetentionAction',
    action: runRetentionAction,
    input: (w) => ({ clinicId: w.a.id }),
    // Zero-setup mode outside a request: the dispatched job runs in-process before the action returns.
    verify: async (w) => {
      const runs = await tenantDb(w.a.id).list(retentionRuns, { limit: 5 });
      return runs.length === 1 && runs[0]?.mode === 'real' && runs[0].status === 'done'
        ? null
        : 'no real run recorded';
    },
  },

  // ---- The caller's own session ----
  {
    kind: 'session-action',
    id: 'lib/auth/actions/switch-clinic.ts#switchClinicAction',
    action: switchClinicAction,
    anonymousInput: (w) => ({ clinicId: w.a.id }),
    refused: {
      who: (w) => ({ label: 'A-only doctor', user: w.a.users.doctor, clinicId: w.a.id }),
      input: (w) => ({ clinicId: w.b.id }),
      audit: 'security.cross_tenant_attempt',
    },
    allowed: {
      who: (w) => ({ label: 'member of A and B', user: w.shared, clinicId: w.a.id }),
      input: (w) => ({ clinicId: w.b.id }),
      check: (w, s) => (s?.activeClinicId === w.b.id ? null : 'did not switch to B'),
    },
  },
  {
    kind: 'session-action',
    id: 'lib/auth/actions/global-mode.ts#setGlobalModeAction',
    action: setGlobalModeAction,
    anonymousInput: () => ({ on: true }),
    refused: {
      who: (w) => ({ label: 'clinic admin', user: w.a.users.clinic_admin, clinicId: w.a.id }),
      input: () => ({ on: true }),
      audit: 'global_mode.enter',
    },
    allowed: {
      who: (w) => ({ label: 'ops', user: w.ops }),
      input: () => ({ on: true }),
      check: (_w, s) =>
        s?.globalMode === true && s.activeClinicId === null ? null : 'not in global mode',
    },
  },

  // ---- Public on purpose ----
  {
    kind: 'public-action',
    id: 'lib/auth/actions/sign-in.ts#signInAction',
    reason: 'Signing in needs no session; throttled and audited (lib/auth/authenticate.ts).',
  },
  {
    kind: 'public-action',
    id: 'lib/auth/actions/sign-out.ts#signOutAction',
    reason: 'A user whose session was revoked must still be able to sign out.',
  },

  // ---- Issue 10 §5, support access ----
  {
    kind: 'clinic-action',
    id: 'lib/actions/members/end-support-session.ts#endSupportSessionAction',
    action: endSupportSessionAction,
    permission: 'members.manage',
    prepare: openClinicASupport,
    input: (w) => ({ supportSessionId: clinicASupport.get(w) ?? 'not-prepared' }),
    takesIds: true,
  },
  {
    kind: 'control-action',
    id: 'lib/control/actions/open-support-access.ts#openSupportAccessAction',
    action: openSupportAccessAction,
    input: (w) => ({ clinicId: w.a.id, durationMinutes: 15, reason: 'Ticket 42: calendar bug' }),
    verify: async (w) =>
      (await listClinicSupportSessions(w.a.id, 5)).some((s) => s.operatorUserId === w.ops.id)
        ? null
        : 'no support session opened',
  },
  {
    kind: 'session-action',
    id: 'lib/auth/actions/end-support-access.ts#endSupportAccessAction',
    action: endSupportAccessAction,
    anonymousInput: () => ({}),
    refused: {
      who: (w) => ({ label: 'clinic admin', user: w.a.users.clinic_admin, clinicId: w.a.id }),
      input: () => ({}),
      audit: 'support.end',
    },
    allowed: {
      who: (w) => ({ label: 'ops', user: w.ops }),
      input: () => ({}),
      check: (_w, s) =>
        s?.globalMode === true && !s.supportSessionId ? null : 'not in global mode',
    },
  },
  // ---- Issue 10 §4: multi-factor authentication ----
  // Own-account actions: anonymous refused; a session that has not passed its code step refused
  // (audited auth.mfa_required); the user themselves allowed. The code step itself is public.
  ...mfaSessionRows(),
  {
    kind: 'public-action',
    id: 'lib/auth/actions/verify-mfa.ts#verifyMfaAction',
    reason:
      'The sign-in code step: its session is one sessionAction refuses. Its own guard ' +
      '(requireCodeStepUser) admits only a live session waiting for its code; throttled, audited.',
  },
  {
    kind: 'control-action',
    id: 'lib/control/actions/reset-user-mfa.ts#resetUserMfaAction',
    action: resetUserMfaAction,
    input: (w) => ({ userId: w.mfa.enrolled.id, reason: 'Lost phone, identity checked' }),
    verify: async (w) =>
      (await getUser(w.mfa.enrolled.id))?.mfaSecret === null ? null : 'MFA still set',
  },
  // ---- Account (issue 10): password reset, the caller's own password and sessions ----
  {
    kind: 'public-action',
    id: 'lib/auth/actions/request-password-reset.ts#requestPasswordResetAction',
    reason:
      'Someone who forgot the password cannot sign in; one answer for every address, throttled per address and IP (lib/auth/password-reset.int.test.ts).',
  },
  {
    kind: 'public-action',
    id: 'lib/auth/actions/reset-password.ts#resetPasswordAction',
    reason:
      'The mailed single-use link is the proof of identity; an unknown, used or expired token changes nothing (lib/auth/password-reset.int.test.ts).',
  },
  {
    kind: 'session-action',
    id: 'lib/auth/actions/change-password.ts#changePasswordAction',
    action: changePasswordAction,
    prepare: async (w) => {
      const passwordHash = await hashPassword(MATRIX_PASSWORD);
      for (const u of [w.a.users.doctor, w.shared]) {
        await db.handle().db.update(users).set({ passwordHash }).where(eq(users.id, u.id));
      }
    },
    anonymousInput: () => ({ currentPassword: MATRIX_PASSWORD, newPassword: NEW_MATRIX_PASSWORD }),
    refused: {
      who: (w) => ({ label: 'A doctor with a wrong current password', user: w.a.users.doctor }),
      input: () => ({ currentPassword: 'not the password', newPassword: NEW_MATRIX_PASSWORD }),
      audit: 'auth.password_change',
    },
    allowed: {
      who: (w) => ({ label: 'member of A and B', user: w.shared, clinicId: w.a.id }),
      input: () => ({ currentPassword: MATRIX_PASSWORD, newPassword: NEW_MATRIX_PASSWORD }),
      check: (w, s) => (s?.uid === w.shared.id ? null : 'this session was not kept'),
    },
  },
  {
    kind: 'session-action',
    id: 'lib/auth/actions/end-sessions.ts#endSessionsAction',
    action: endSessionsAction,
    // Another user's live session, whose id the refused caller sends.
    prepare: async (w) => {
      otherUsersSession.set(w, await startSession(w.b.users.doctor.id, Date.now(), 60_000));
    },
    anonymousInput: () => ({}),
    refused: {
      who: (w) => ({ label: 'A doctor naming B doctor’s session', user: w.a.users.doctor }),
      input: (w) => ({ sessionId: otherUsersSession.get(w) }),
      audit: 'auth.sessions_end',
    },
    allowed: {
      who: (w) => ({ label: 'member of A and B', user: w.shared, clinicId: w.a.id }),
      input: () => ({}),
      check: (w, s) => (s?.uid === w.shared.id ? null : 'this session was not kept'),
    },
  },

  // ---- Issue 10 §2: invitations and the clinic's own team (lib/control/team) ----
  {
    kind: 'clinic-action',
    id: 'lib/control/team/actions/invite-member.ts#inviteMemberAction',
    action: inviteMemberAction,
    permission: 'members.manage',
    // Clinic B's admin inviting the same address lands in B: clinic A's invitations stay as they were.
    input: () => ({ email: 'invitee@matrix.test', roleId: 'nurse' }),
    takesIds: false,
  },
  {
    kind: 'clinic-action',
    id: 'lib/control/team/actions/resend-invitation.ts#resendInvitationAction',
    action: resendInvitationAction,
    permission: 'members.manage',
    prepare: openClinicAInvitation,
    input: (w) => ({ invitationId: clinicAInvitations.get(w)?.id }),
    takesIds: true,
  },
  {
    kind: 'clinic-action',
    id: 'lib/control/team/actions/revoke-invitation.ts#revokeInvitationAction',
    action: revokeInvitationAction,
    permission: 'members.manage',
    prepare: openClinicAInvitation,
    input: (w) => ({ invitationId: clinicAInvitations.get(w)?.id }),
    takesIds: true,
  },
  {
    kind: 'clinic-action',
    id: 'lib/control/team/actions/change-member-role.ts#changeMemberRoleAction',
    action: changeMemberRoleAction,
    permission: 'members.manage',
    input: (w) => ({ membershipId: w.a.memberships.nurse, roleId: 'doctor' }),
    takesIds: true,
  },
  {
    kind: 'clinic-action',
    id: 'lib/control/team/actions/remove-member.ts#removeMemberAction',
    action: removeMemberAction,
    permission: 'members.manage',
    input: (w) => ({ membershipId: w.a.memberships.receptionist }),
    takesIds: true,
  },
  {
    kind: 'control-action',
    id: 'lib/control/actions/invite-to-clinic.ts#inviteToClinicAction',
    action: inviteToClinicAction,
    input: (w) => ({ clinicId: w.a.id, email: 'ops.invitee@matrix.test', roleId: 'doctor' }),
    verify: async (w) =>
      (await invitationsOf(w.a.id)).some((i) => i.email === 'ops.invitee@matrix.test')
        ? null
        : 'invitation not created',
  },
  {
    kind: 'session-action',
    id: 'lib/control/team/actions/accept-invitation.ts#acceptInvitationAction',
    action: acceptInvitationAction,
    // An invitation of clinic A to the loner's address: only the loner may use it, and only for A.
    prepare: async (w) => {
      clinicAInvitations.set(
        w,
        await makeInvitation({
          clinicId: w.a.id,
          email: w.loner.email,
          roleId: 'nurse',
          invitedBy: w.a.users.clinic_admin.id,
        }),
      );
    },
    anonymousInput: (w) => ({ token: clinicAInvitations.get(w)?.token }),
    refused: {
      who: (w) => ({ label: 'B nurse (another address)', user: w.b.users.nurse, clinicId: w.b.id }),
      input: (w) => ({ token: clinicAInvitations.get(w)?.token }),
      audit: 'invitation.accept',
    },
    allowed: {
      who: (w) => ({ label: 'the invited loner', user: w.loner }),
      input: (w) => ({ token: clinicAInvitations.get(w)?.token }),
      check: (w, s) => (s?.activeClinicId === w.a.id ? null : 'not in clinic A'),
    },
  },
  {
    kind: 'public-action',
    id: 'lib/control/team/actions/create-account-from-invitation.ts#createAccountFromInvitationAction',
    reason:
      'A new person has no account yet: the single-use, hashed, 7-day invitation token is the credential (lib/control/team/invitations.int.test.ts).',
  },
];

function mfaSessionRows(): MatrixEntry[] {
  const pendingSession = (w: World) => ({
    label: 'session awaiting its code',
    user: w.mfa.enrolled,
  });
  const verified = (w: World) => ({
    label: 'enrolled user, code passed',
    user: w.mfa.enrolled,
    mfaVerified: true,
  });
  const row = (
    id: string,
    action: AnyAction,
    allowed: (w: World) => { label: string; user: World['loner']; mfaVerified?: boolean },
    input: (w: World) => unknown,
  ): MatrixEntry => ({
    kind: 'session-action',
    id,
    action,
    anonymousInput: input,
    refused: { who: pendingSession, input, audit: 'auth.mfa_required' },
    allowed: { who: allowed, input, check: () => null },
  });
  return [
    row(
      'lib/auth/actions/start-mfa-enrolment.ts#startMfaEnrolmentAction',
      startMfaEnrolmentAction,
      (w) => ({ label: 'user without MFA', user: w.loner }),
      () => undefined,
    ),
    row(
      'lib/auth/actions/confirm-mfa-enrolment.ts#confirmMfaEnrolmentAction',
      confirmMfaEnrolmentAction,
      (w) => ({ label: 'user with set-up started', user: w.mfa.pending }),
      (w) => ({ code: codeFor(w.mfa.pendingSecret) }),
    ),
    row(
      'lib/auth/actions/regenerate-recovery-codes.ts#regenerateRecoveryCodesAction',
      regenerateRecoveryCodesAction,
      verified,
      () => ({ password: MFA_PASSWORD }),
    ),
    row('lib/auth/actions/disable-mfa.ts#disableMfaAction', disableMfaAction, verified, () => ({
      password: MFA_PASSWORD,
    })),
  ];
}

/** The action client (or route wrapper) each kind of row must be built with. */
const BUILT_WITH: Record<MatrixEntry['kind'], string> = {
  'clinic-action': 'clinicAction',
  'clinic-route': 'withClinic',
  'control-action': 'controlPlaneAction',
  'session-action': 'sessionAction',
  'public-action': 'publicAction',
};

// ---------------------------------------------------------------------------------------------

const byKind = <K extends MatrixEntry['kind']>(kind: K) =>
  MATRIX.filter((e): e is Extract<MatrixEntry, { kind: K }> => e.kind === kind);

describe('tenant-plane actions: anonymous, other clinic, missing permission', () => {
  const rows = byKind('clinic-action');
  it.each(rows.map((e) => [e.id, e] as const))('%s', async (_id, entry) => {
    expect(await checkClinicAction(entry, freshWorld)).toEqual([]);
  });
});

describe('tenant-plane routes: 401 anonymous, 404 other clinic, 403 missing permission', () => {
  const rows = byKind('clinic-route');
  it.each(rows.map((e) => [e.id, e] as const))('%s', async (_id, entry) => {
    expect(await checkClinicRoute(entry, freshWorld)).toEqual([]);
  });
});

describe('control-plane actions: refused and audited unless ops is in global mode', () => {
  it.each(byKind('control-action').map((e) => [e.id, e] as const))('%s', async (_id, entry) => {
    expect(await checkControlAction(entry, freshWorld)).toEqual([]);
  });
});

describe('session actions: anonymous refused, forbidden changes leave the session alone', () => {
  it.each(byKind('session-action').map((e) => [e.id, e] as const))('%s', async (_id, entry) => {
    expect(await checkSessionAction(entry, freshWorld)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Coverage: the table lists every endpoint, each as what it really is.

function describeEndpoint(e: Endpoint): string {
  return e.kind === 'action'
    ? `action ${e.id} (built with ${e.client ?? 'nothing: a plain exported function'}, permission ${e.permission ?? 'none'})`
    : `route ${e.id} (${e.method} ${e.urlPath}, wrapper ${e.wrapper ?? 'none'}, permission ${e.permission ?? 'none'})`;
}

describe('coverage', () => {
  const endpoints = findRepoEndpoints();

  it('finds the endpoints at all (the scanner works)', () => {
    expect(endpoints.some((e) => e.id === 'lib/auth/actions/switch-clinic.ts#switchClinicAction'));
    expect(endpoints.length).toBeGreaterThanOrEqual(MATRIX.length);
  });

  it('lists every server action and route handler in the matrix', () => {
    const listed = new Set(MATRIX.map((e) => e.id));
    const missing = endpoints.filter((e) => !listed.has(e.id)).map(describeEndpoint);
    expect(missing, 'endpoints missing from MATRIX in test/isolation-matrix.int.test.ts').toEqual(
      [],
    );
  });

  it('lists nothing that no longer exists', () => {
    const found = new Set(endpoints.map((e) => e.id));
    expect(MATRIX.filter((e) => !found.has(e.id)).map((e) => e.id)).toEqual([]);
  });

  it('lists each endpoint as the kind it is built as, with the permission it declares', () => {
    const wrong: string[] = [];
    for (const entry of MATRIX) {
      const e = endpoints.find((x) => x.id === entry.id);
      if (!e) continue;
      const builtWith = e.kind === 'action' ? e.client : e.wrapper;
      if (builtWith !== BUILT_WITH[entry.kind])
        wrong.push(`${entry.id}: listed as ${entry.kind} but built with ${builtWith ?? 'nothing'}`);
      if (
        (entry.kind === 'clinic-action' || entry.kind === 'clinic-route') &&
        e.permission !== entry.permission
      )
        wrong.push(`${entry.id}: declares ${e.permission}, listed with ${entry.permission}`);
    }
    expect(wrong).toEqual([]);
  });

  it('calls the real exports', async () => {
    const stale: string[] = [];
    for (const entry of MATRIX) {
      if (entry.kind === 'public-action') continue;
      const [file, name] = entry.id.split('#') as [string, string];
      const mod = (await import(path.join(process.cwd(), file))) as Record<string, unknown>;
      const fn = entry.kind === 'clinic-route' ? entry.handler : entry.action;
      if (mod[name] !== fn) stale.push(entry.id);
    }
    expect(stale).toEqual([]);
  });

  it('keeps the public actions to an explicit, justified list', () => {
    const publicRows = byKind('public-action');
    expect(publicRows.map((e) => e.id).sort()).toEqual([
      'lib/auth/actions/request-password-reset.ts#requestPasswordResetAction',
      'lib/auth/actions/reset-password.ts#resetPasswordAction',
      'lib/auth/actions/sign-in.ts#signInAction',
      'lib/auth/actions/sign-out.ts#signOutAction',
      'lib/auth/actions/verify-mfa.ts#verifyMfaAction',
      'lib/control/team/actions/create-account-from-invitation.ts#createAccountFromInvitationAction',
    ]);
    for (const row of publicRows) expect(row.reason.length).toBeGreaterThan(20);
  });
});

// ---------------------------------------------------------------------------------------------
// The checkers can fail: well-behaved probes pass, leaky ones are caught. (Probes live here, not
// in the app, so the coverage scan never sees them.)

const patientIdInput = z.object({ patientId: z.uuid() }).strict();

/** What a tenant action should look like: permission in metadata, work through ctx.db. */
const goodProbeAction = clinicAction
  .metadata({ name: 'probeRenamePatient', permission: 'patients.export' })
  .inputSchema(patientIdInput)
  .action(async ({ parsedInput, ctx }) => {
    const rows = await ctx.db.transaction((t) =>
      t.update(patients, { givenName: 'Probe' }, eq(patients.id, parsedInput.patientId)),
    );
    if (rows.length === 0) throw new NotFoundError();
    return { id: parsedInput.patientId };
  });

/** No authentication at all, and the clinic taken from the input. */
const openProbeAction = createSafeActionClient()
  .inputSchema(z.object({ patientId: z.uuid(), clinicId: z.uuid() }))
  .action(async ({ parsedInput }) => {
    // A fresh value each call, so every call that reaches the row shows as a change.
    await tenantDb(parsedInput.clinicId).transaction((t) =>
      t.update(
        patients,
        { givenName: `Leaked ${randomUUID()}` },
        eq(patients.id, parsedInput.patientId),
      ),
    );
    return { ok: true };
  });

/** Signed in with a clinic, but no permission check. */
const noPermissionProbeAction = createSafeActionClient()
  .use(async ({ next }) => next({ ctx: await requireClinicContext() }))
  .inputSchema(patientIdInput)
  .action(async ({ parsedInput, ctx }) => {
    await ctx.db.transaction((t) =>
      t.update(
        patients,
        { givenName: `Unchecked ${randomUUID()}` },
        eq(patients.id, parsedInput.patientId),
      ),
    );
    return { ok: true };
  });

/** Permission-checked, but ignores the page it was called from (no stale-page check). */
const noPageCheckProbeAction = createSafeActionClient()
  .use(async ({ next }) => next({ ctx: await requirePermission('patients.export') }))
  .inputSchema(patientIdInput)
  .action(async ({ parsedInput, ctx }) => {
    await ctx.db.transaction((t) =>
      t.update(
        patients,
        { givenName: `Stale ${randomUUID()}` },
        eq(patients.id, parsedInput.patientId),
      ),
    );
    return { ok: true };
  });

/** Checks a permission every clinic role holds instead of the one its work needs (patients.update). */
const wrongPermissionProbeAction = clinicAction
  .metadata({ name: 'probeWrongPermission', permission: 'patients.read' })
  .inputSchema(patientIdInput)
  .action(async ({ parsedInput, ctx }) => {
    await ctx.db.transaction((t) =>
      t.update(
        patients,
        { givenName: `Misjudged ${randomUUID()}` },
        eq(patients.id, parsedInput.patientId),
      ),
    );
    return { ok: true };
  });

/** Probes built without the page stamp take the input only: the stamp is dropped. */
const ignoringStamp =
  (action: AnyAction): ClinicActionEntry['action'] =>
  (_stamp, input) =>
    action(input);

const goodProbeRoute = withClinic<{ patientId: string }>(
  async (_req, ctx, params) => {
    const patient = await ctx.db.findById(patients, params.patientId);
    if (!patient) throw new NotFoundError();
    return NextResponse.json({ id: patient.id });
  },
  { permission: 'patients.export' },
);

/** Reads by id with a clinic from nowhere: no session check, no clinic wall. */
const leakyProbeRoute = async (
  _req: unknown,
  route: { params: Promise<Record<string, string>> },
): Promise<Response> => {
  const { patientId, clinicId } = await route.params;
  const patient = await tenantDb(clinicId!).findById(patients, patientId!);
  return patient ? NextResponse.json({ id: patient.id }) : NextResponse.json({}, { status: 404 });
};

/** Wrapped and permission-checked, but reads the clinic named in the URL: a read leak. */
const crossReadProbeRoute = withClinic<{ clinicId: string }>(
  async (_req, _ctx, params) =>
    NextResponse.json(await tenantDb(params.clinicId).list(patients, { limit: 10 })),
  { permission: 'patients.export' },
);

const probeAction = (
  action: ClinicActionEntry['action'],
  input: ClinicActionEntry['input'],
): ClinicActionEntry => ({
  kind: 'clinic-action',
  id: 'probe',
  action,
  permission: 'patients.export',
  input,
  takesIds: true,
});

const probeRoute = (handler: ClinicRouteEntry['handler']): ClinicRouteEntry => ({
  kind: 'clinic-route',
  id: 'probe',
  handler,
  permission: 'patients.export',
  request: (w) => ({
    url: `/api/probe/${w.a.patientIds[0]}`,
    params: { patientId: w.a.patientIds[0]!, clinicId: w.a.id },
  }),
  takesIds: true,
});

describe('the checkers catch what they are meant to catch', () => {
  beforeEach(() => {
    // The probe permission must be one some clinic roles lack, or the 403 case would not run.
    expect(lackingRoles('patients.export').length).toBeGreaterThan(0);
  });

  it('a well-behaved tenant action passes', async () => {
    const entry = probeAction(goodProbeAction, (w) => ({ patientId: w.a.patientIds[0] }));
    expect(await checkClinicAction(entry, freshWorld)).toEqual([]);
  });

  it('an action without authentication that takes the clinic from its input is caught', async () => {
    const entry = probeAction(ignoringStamp(openProbeAction), (w) => ({
      patientId: w.a.patientIds[0],
      clinicId: w.a.id,
    }));
    const problems = await checkClinicAction(entry, freshWorld);
    expect(problems.some((p) => p.startsWith('anonymous: not refused'))).toBe(true);
    expect(problems.some((p) => p.startsWith('anonymous: changed'))).toBe(true);
    expect(problems.some((p) => p.startsWith("other clinic: changed clinic A's"))).toBe(true);
  });

  it('an action that forgets the permission check is caught', async () => {
    const entry = probeAction(ignoringStamp(noPermissionProbeAction), (w) => ({
      patientId: w.a.patientIds[0],
    }));
    const problems = await checkClinicAction(entry, freshWorld);
    expect(problems.some((p) => p.startsWith('same-clinic nurse without patients.export'))).toBe(
      true,
    );
    expect(problems.some((p) => p.startsWith('same-clinic nurse: changed'))).toBe(true);
  });

  it('an action that ignores the page it came from (stale tab) is caught', async () => {
    const entry = probeAction(ignoringStamp(noPageCheckProbeAction), (w) => ({
      patientId: w.a.patientIds[0],
    }));
    const problems = await checkClinicAction(entry, freshWorld);
    expect(problems.some((p) => p.startsWith('page of A after a switch to B: not refused'))).toBe(
      true,
    );
  });

  it('a permission every shipped role holds is still tested: a role made without it must be refused', async () => {
    expect(lackingRoles('patients.update')).toEqual([]);
    const action: ClinicActionEntry = {
      ...probeAction(wrongPermissionProbeAction, (w) => ({ patientId: w.a.patientIds[0] })),
      permission: 'patients.update',
    };
    const problems = await checkClinicAction(action, freshWorld);
    const who = 'same-clinic test_without_patients_update';
    expect(problems.some((p) => p.startsWith(`${who} without patients.update: not refused`))).toBe(
      true,
    );
    expect(problems.some((p) => p.startsWith(`${who}: changed`))).toBe(true);
    // A route that checks patients.export, listed as needing staff.read (which every role holds).
    const route: ClinicRouteEntry = {
      ...probeRoute(goodProbeRoute as ClinicRouteEntry['handler']),
      permission: 'staff.read',
    };
    expect(await checkClinicRoute(route, freshWorld)).toContain(
      'same-clinic test_without_staff_read without staff.read: status 200',
    );
  });

  it('a well-behaved route passes, with 401 / 403 / 404', async () => {
    expect(
      await checkClinicRoute(probeRoute(goodProbeRoute as ClinicRouteEntry['handler']), freshWorld),
    ).toEqual([]);
  });

  it('a route that returns another clinic’s rows is caught', async () => {
    const entry: ClinicRouteEntry = {
      ...probeRoute(crossReadProbeRoute as ClinicRouteEntry['handler']),
      request: (w) => ({ url: '/api/probe', params: { clinicId: w.a.id } }),
      takesIds: false,
    };
    const problems = await checkClinicRoute(entry, freshWorld);
    expect(
      problems.some((p) => p.startsWith('other clinic: the response holds clinic A ids')),
    ).toBe(true);
  });

  it('a route without the wrapper is caught', async () => {
    const problems = await checkClinicRoute(probeRoute(leakyProbeRoute), freshWorld);
    expect(problems).toContain('anonymous: status 200, expected 401');
    expect(problems).toContain("other clinic: clinic A's ids gave status 200, expected 404");
  });
});
