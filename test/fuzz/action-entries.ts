/**
 * Fuzz entries for every server action: inputs derived from the action's own zod schema (with
 * the world's ids and field hints), plus hostile values; tenant-plane actions also get a fuzzed
 * page stamp (their bound first argument).
 */
import fc from 'fast-check';
import type { z } from 'zod';
import { bookAppointmentAction } from '@/lib/actions/appointments/book-appointment';
import { setAppointmentStatusAction } from '@/lib/actions/appointments/set-appointment-status';
import { updateAppointmentAction } from '@/lib/actions/appointments/update-appointment';
import { requestAppointmentsCsvAction } from '@/lib/actions/exports/request-appointments-csv';
import { requestMonthlyReportAction } from '@/lib/actions/exports/request-monthly-report';
import { requestPatientSummaryAction } from '@/lib/actions/exports/request-patient-summary';
import { requestPatientsCsvAction } from '@/lib/actions/exports/request-patients-csv';
import { createPatientAction } from '@/lib/actions/patients/create-patient';
import { updatePatientAction } from '@/lib/actions/patients/update-patient';
import { resetSettingAction } from '@/lib/actions/settings/reset-setting';
import { updateSettingAction } from '@/lib/actions/settings/update-setting';
import {
  bookAppointmentSchema,
  setAppointmentStatusSchema,
  updateAppointmentSchema,
} from '@/lib/appointments/schemas';
import { changePasswordSchema, endSessionsSchema } from '@/lib/auth/account-schemas';
import { changePasswordAction } from '@/lib/auth/actions/change-password';
import { endSessionsAction } from '@/lib/auth/actions/end-sessions';
import { setGlobalModeAction } from '@/lib/auth/actions/global-mode';
import { switchClinicAction } from '@/lib/auth/actions/switch-clinic';
import { pageStampSchema } from '@/lib/auth/stale-page';
import { globalModeSchema, switchClinicSchema } from '@/lib/auth/session-schemas';
import { addMembershipAction } from '@/lib/control/actions/add-membership';
import { changeMembershipRoleAction } from '@/lib/control/actions/change-membership-role';
import { createClinicAction } from '@/lib/control/actions/create-clinic';
import { createUserAction } from '@/lib/control/actions/create-user';
import { deactivateClinicAction } from '@/lib/control/actions/deactivate-clinic';
import { disableUserAction } from '@/lib/control/actions/disable-user';
import { enableUserAction } from '@/lib/control/actions/enable-user';
import { previewRetentionAction } from '@/lib/control/actions/preview-retention';
import { reactivateClinicAction } from '@/lib/control/actions/reactivate-clinic';
import { removeMembershipAction } from '@/lib/control/actions/remove-membership';
import { runRetentionAction } from '@/lib/control/actions/run-retention';
import { updateSettingDefinitionAction } from '@/lib/control/actions/update-setting-definition';
import { confirmMfaEnrolmentAction } from '@/lib/auth/actions/confirm-mfa-enrolment';
import { disableMfaAction } from '@/lib/auth/actions/disable-mfa';
import { regenerateRecoveryCodesAction } from '@/lib/auth/actions/regenerate-recovery-codes';
import { startMfaEnrolmentAction } from '@/lib/auth/actions/start-mfa-enrolment';
import { confirmMfaSchema, passwordAgainSchema, resetUserMfaSchema } from '@/lib/auth/mfa/schemas';
import { resetUserMfaAction } from '@/lib/control/actions/reset-user-mfa';
import { MFA_PASSWORD, codeFor } from '../mfa-fixtures';
import {
  addMembershipSchema,
  changeMembershipRoleSchema,
  clinicIdSchema,
  createClinicSchema,
  membershipIdSchema,
  updateSettingDefinitionSchema,
  userIdSchema,
} from '@/lib/control/schemas';
import { createUserSchema } from '@/lib/control/user-schemas';
import {
  appointmentsCsvInputSchema,
  monthlyReportInputSchema,
  patientSummaryInputSchema,
  patientsCsvInputSchema,
} from '@/lib/exports/params';
import { createPatientSchema, updatePatientSchema } from '@/lib/patients/schema';
import { resetSettingSchema, updateSettingSchema } from '@/lib/settings/input';
import { endSupportSessionAction } from '@/lib/actions/members/end-support-session';
import { endSupportAccessAction } from '@/lib/auth/actions/end-support-access';
import { openSupportAccessAction } from '@/lib/control/actions/open-support-access';
import {
  endClinicSupportSchema,
  endOwnSupportSchema,
  openSupportSchema,
} from '@/lib/control/support/schemas';
import type { AnyAction, AnyClinicAction, Caller } from '../isolation-harness';
import { fieldHints } from './hints';
import { fuzzInput, hostileValue } from './hostile';
import { actionOutcome, type FuzzEntry } from './runner';
import { clinicAAdmin, type FuzzWorld } from './world';
import { arbitraryFor, type FieldHints } from './zod-arbitrary';

/** Well-formed inputs of a schema (an object schema), with the world's ids and hints. */
export function shapedBy(
  schema: z.ZodType,
  w: FuzzWorld,
  hints: FieldHints = {},
): fc.Arbitrary<Record<string, unknown>> {
  return arbitraryFor(schema, {
    hints: { ...fieldHints(w), ...hints },
    uuid: w.idFor(''),
  }) as fc.Arbitrary<Record<string, unknown>>;
}

const schemaInputs = (schema: z.ZodType) => (w: FuzzWorld) => fuzzInput(shapedBy(schema, w), w.ids);

/**
 * The page stamp: the caller's own page most of the time (so the input reaches the body), else
 * another clinic's or user's page (stale), or a mangled one.
 */
function stamps(w: FuzzWorld): fc.Arbitrary<unknown> {
  const own = { clinicId: w.a.id, userId: w.a.users.clinic_admin.id };
  return fc.oneof(
    { weight: 7, arbitrary: fc.constant(own) },
    { weight: 1, arbitrary: fuzzInput(shapedBy(pageStampSchema, w), w.ids) },
  );
}

function clinicAction(id: string, action: AnyClinicAction, schema: z.ZodType): FuzzEntry {
  return {
    id,
    fn: action,
    caller: clinicAAdmin,
    inputs: (w) => fc.tuple(stamps(w), schemaInputs(schema)(w)),
    call: async (_w, input) => {
      const [stamp, body] = input as [unknown, unknown];
      return actionOutcome(await action(stamp as never, body));
    },
    // Only clinic A's rows; never another clinic's, never a system table.
    mayChange: (w, _input, key) => key.startsWith(`${w.a.id}:`),
    secret: (w) => w.foreignIds,
  };
}

/** The clinic a control-plane input names, whose tenant rows it may change (retention runs). */
const namedClinic = (input: unknown): string =>
  String((input as { clinicId?: unknown } | null)?.clinicId).toLowerCase();

function controlAction(id: string, action: AnyAction, schema: z.ZodType): FuzzEntry {
  return {
    id,
    fn: action,
    caller: (w) => ({ label: 'ops in global mode', user: w.ops, globalMode: true }),
    inputs: schemaInputs(schema),
    call: async (_w, input) => actionOutcome(await action(input)),
    // System tables, and the tenant rows of the one clinic the input names.
    mayChange: (_w, input, key) => !key.includes(':') || key.startsWith(`${namedClinic(input)}:`),
    secret: () => [],
  };
}

function sessionAction(
  id: string,
  action: AnyAction,
  schema: z.ZodType,
  caller: (w: FuzzWorld) => Caller,
): FuzzEntry {
  return {
    id,
    fn: action,
    caller,
    inputs: schemaInputs(schema),
    call: async (_w, input) => actionOutcome(await action(input)),
    // A session change writes only the session and the audit trail.
    mayChange: () => false,
    secret: (w) => w.foreignIds,
  };
}

const F = 'lib/actions';
const C = 'lib/control/actions';

export const TENANT_ACTION_ENTRIES: FuzzEntry[] = [
  clinicAction(
    `${F}/patients/create-patient.ts#createPatientAction`,
    createPatientAction,
    createPatientSchema,
  ),
  clinicAction(
    `${F}/patients/update-patient.ts#updatePatientAction`,
    updatePatientAction,
    updatePatientSchema,
  ),
  clinicAction(
    `${F}/appointments/book-appointment.ts#bookAppointmentAction`,
    bookAppointmentAction,
    bookAppointmentSchema,
  ),
  clinicAction(
    `${F}/appointments/update-appointment.ts#updateAppointmentAction`,
    updateAppointmentAction,
    updateAppointmentSchema,
  ),
  clinicAction(
    `${F}/appointments/set-appointment-status.ts#setAppointmentStatusAction`,
    setAppointmentStatusAction,
    setAppointmentStatusSchema,
  ),
  clinicAction(
    `${F}/settings/update-setting.ts#updateSettingAction`,
    updateSettingAction,
    updateSettingSchema,
  ),
  clinicAction(
    `${F}/settings/reset-setting.ts#resetSettingAction`,
    resetSettingAction,
    resetSettingSchema,
  ),
  clinicAction(
    `${F}/exports/request-patients-csv.ts#requestPatientsCsvAction`,
    requestPatientsCsvAction,
    patientsCsvInputSchema,
  ),
  clinicAction(
    `${F}/exports/request-appointments-csv.ts#requestAppointmentsCsvAction`,
    requestAppointmentsCsvAction,
    appointmentsCsvInputSchema,
  ),
  clinicAction(
    `${F}/exports/request-patient-summary.ts#requestPatientSummaryAction`,
    requestPatientSummaryAction,
    patientSummaryInputSchema,
  ),
  // ---- Issue 11 §5, exports from the Exports page ----
  clinicAction(
    `${F}/exports/request-monthly-report.ts#requestMonthlyReportAction`,
    requestMonthlyReportAction,
    monthlyReportInputSchema,
  ),
  // ---- Issue 10 §5, support access ----
  clinicAction(
    `${F}/members/end-support-session.ts#endSupportSessionAction`,
    endSupportSessionAction,
    endClinicSupportSchema,
  ),
];

export const CONTROL_ACTION_ENTRIES: FuzzEntry[] = [
  controlAction(`${C}/create-clinic.ts#createClinicAction`, createClinicAction, createClinicSchema),
  controlAction(
    `${C}/deactivate-clinic.ts#deactivateClinicAction`,
    deactivateClinicAction,
    clinicIdSchema,
  ),
  controlAction(
    `${C}/reactivate-clinic.ts#reactivateClinicAction`,
    reactivateClinicAction,
    clinicIdSchema,
  ),
  controlAction(`${C}/create-user.ts#createUserAction`, createUserAction, createUserSchema),
  controlAction(`${C}/disable-user.ts#disableUserAction`, disableUserAction, userIdSchema),
  controlAction(`${C}/enable-user.ts#enableUserAction`, enableUserAction, userIdSchema),
  controlAction(
    `${C}/add-membership.ts#addMembershipAction`,
    addMembershipAction,
    addMembershipSchema,
  ),
  controlAction(
    `${C}/change-membership-role.ts#changeMembershipRoleAction`,
    changeMembershipRoleAction,
    changeMembershipRoleSchema,
  ),
  controlAction(
    `${C}/remove-membership.ts#removeMembershipAction`,
    removeMembershipAction,
    membershipIdSchema,
  ),
  controlAction(
    `${C}/update-setting-definition.ts#updateSettingDefinitionAction`,
    updateSettingDefinitionAction,
    updateSettingDefinitionSchema,
  ),
  controlAction(
    `${C}/preview-retention.ts#previewRetentionAction`,
    previewRetentionAction,
    clinicIdSchema,
  ),
  controlAction(`${C}/run-retention.ts#runRetentionAction`, runRetentionAction, clinicIdSchema),
  // ---- Issue 10 §5, support access ----
  controlAction(
    `${C}/open-support-access.ts#openSupportAccessAction`,
    openSupportAccessAction,
    openSupportSchema,
  ),
  // ---- Issue 10 §4: multi-factor authentication ----
  controlAction(
    `${C}/reset-user-mfa.ts#resetUserMfaAction`,
    resetUserMfaAction,
    resetUserMfaSchema,
  ),
];

export const SESSION_ACTION_ENTRIES: FuzzEntry[] = [
  // A member of A and B, in A: switching to B is allowed, anywhere else refused.
  sessionAction(
    'lib/auth/actions/switch-clinic.ts#switchClinicAction',
    switchClinicAction,
    switchClinicSchema,
    (w) => ({
      label: 'member of A and B',
      user: w.shared,
      clinicId: w.a.id,
    }),
  ),
  sessionAction(
    'lib/auth/actions/global-mode.ts#setGlobalModeAction',
    setGlobalModeAction,
    globalModeSchema,
    (w) => ({
      label: 'ops',
      user: w.ops,
    }),
  ),
  // ---- Issue 10 §5, support access ----
  sessionAction(
    'lib/auth/actions/end-support-access.ts#endSupportAccessAction',
    endSupportAccessAction,
    endOwnSupportSchema,
    (w) => ({ label: 'ops', user: w.ops }),
  ),
  // ---- Issue 10 §4: multi-factor authentication ----
  ...mfaActionEntries(),
  // ---- Account (issue 10): the caller's own password and sessions ----
  // The login account, whose password the inputs sometimes name: a change is then accepted and
  // may write only the users table (its hash); ended sessions are user_sessions (not checked).
  {
    ...sessionAction(
      'lib/auth/actions/change-password.ts#changePasswordAction',
      changePasswordAction,
      changePasswordSchema,
      (w) => ({ label: 'the login account', user: { ...w.login, name: 'Login' } }),
    ),
    inputs: (w) =>
      fuzzInput(
        fc.oneof(
          shapedBy(changePasswordSchema, w, { currentPassword: fc.constant(w.login.password) }),
          shapedBy(changePasswordSchema, w),
        ),
        w.ids,
      ),
    mayChange: (_w, _input, key) => key === 'users',
  },
  sessionAction(
    'lib/auth/actions/end-sessions.ts#endSessionsAction',
    endSessionsAction,
    endSessionsSchema,
    (w) => ({ label: 'member of A and B', user: w.shared, clinicId: w.a.id }),
  ),
];

/**
 * The user's own MFA: the right code or password some of the time (so the accepted path runs),
 * anything else otherwise. They change the user's own system rows (secret, codes, lockout), never
 * a clinic's.
 */
function mfaAction(
  id: string,
  action: AnyAction,
  caller: (w: FuzzWorld) => Caller,
  inputs: (w: FuzzWorld) => fc.Arbitrary<unknown>,
): FuzzEntry {
  return {
    id,
    fn: action,
    caller,
    inputs,
    call: async (_w, input) => actionOutcome(await action(input)),
    mayChange: (_w, _input, key) => !key.includes(':'),
    secret: (w) => w.foreignIds,
  };
}
function enrolledVerified(w: FuzzWorld): Caller {
  return { label: 'enrolled user, code passed', user: w.mfa.enrolled, mfaVerified: true };
}
function passwordInputs(w: FuzzWorld): fc.Arbitrary<unknown> {
  return fuzzInput(
    shapedBy(passwordAgainSchema, w, { password: fc.constant(MFA_PASSWORD) }),
    w.ids,
  );
}

/** Listed with the session actions (they are sessionActions). */
function mfaActionEntries(): FuzzEntry[] {
  return [
    mfaAction(
      'lib/auth/actions/start-mfa-enrolment.ts#startMfaEnrolmentAction',
      startMfaEnrolmentAction,
      (w) => ({ label: 'user without MFA', user: w.loner }),
      (w) => hostileValue(w.ids),
    ),
    mfaAction(
      'lib/auth/actions/confirm-mfa-enrolment.ts#confirmMfaEnrolmentAction',
      confirmMfaEnrolmentAction,
      (w) => ({ label: 'user with set-up started', user: w.mfa.pending }),
      (w) =>
        fuzzInput(
          shapedBy(confirmMfaSchema, w, { code: fc.constant(codeFor(w.mfa.pendingSecret)) }),
          w.ids,
        ),
    ),
    mfaAction(
      'lib/auth/actions/regenerate-recovery-codes.ts#regenerateRecoveryCodesAction',
      regenerateRecoveryCodesAction,
      enrolledVerified,
      passwordInputs,
    ),
    mfaAction(
      'lib/auth/actions/disable-mfa.ts#disableMfaAction',
      disableMfaAction,
      enrolledVerified,
      passwordInputs,
    ),
  ];
}
