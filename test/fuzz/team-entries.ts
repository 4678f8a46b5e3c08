/**
 * Fuzz entries for issue 10 §2 (invitations and the clinic's own team, lib/control/team): inputs
 * from each action's own schema, with hostile values. Invitations and memberships are system
 * tables, so an accepted call may change those (the isolation matrix and
 * lib/control/team/*.int.test.ts check they stay in the caller's clinic) and clinic A's rows.
 */
import fc from 'fast-check';
import type { z } from 'zod';
import { inviteToClinicAction } from '@/lib/control/actions/invite-to-clinic';
import { acceptInvitationAction } from '@/lib/control/team/actions/accept-invitation';
import { changeMemberRoleAction } from '@/lib/control/team/actions/change-member-role';
import { createAccountFromInvitationAction } from '@/lib/control/team/actions/create-account-from-invitation';
import { inviteMemberAction } from '@/lib/control/team/actions/invite-member';
import { removeMemberAction } from '@/lib/control/team/actions/remove-member';
import { resendInvitationAction } from '@/lib/control/team/actions/resend-invitation';
import { revokeInvitationAction } from '@/lib/control/team/actions/revoke-invitation';
import {
  acceptInvitationSchema,
  changeMemberRoleSchema,
  createAccountFromInvitationSchema,
  invitationIdSchema,
  inviteMemberSchema,
  inviteToClinicSchema,
  memberIdSchema,
} from '@/lib/control/team/schemas';
import type { AnyAction, AnyClinicAction } from '../isolation-harness';
import { shapedBy } from './action-entries';
import { fuzzInput } from './hostile';
import { actionOutcome, type FuzzEntry } from './runner';
import { clinicAAdmin, type FuzzWorld } from './world';

const T = 'lib/control/team/actions';
const TOKEN = fc.stringMatching(/^[A-Za-z0-9_-]{43}$/);
const inputs = (schema: z.ZodType) => (w: FuzzWorld) => fuzzInput(shapedBy(schema, w), w.ids);

function teamAction(
  id: string,
  action: AnyClinicAction,
  schema: z.ZodType,
  systemTable: 'invitations' | 'clinic_memberships',
): FuzzEntry {
  return {
    id: `${T}/${id}`,
    fn: action,
    caller: clinicAAdmin,
    // The caller's own page: the stamp is fuzzed for every other clinic action already.
    inputs: (w) =>
      fc.tuple(
        fc.constant({ clinicId: w.a.id, userId: w.a.users.clinic_admin.id }),
        inputs(schema)(w),
      ),
    call: async (_w, input) => {
      const [stamp, body] = input as [never, unknown];
      return actionOutcome(await action(stamp, body));
    },
    mayChange: (w, _input, key) => key === systemTable || key.startsWith(`${w.a.id}:`),
    secret: (w) => w.foreignIds,
  };
}

function signedInOrPublic(
  id: string,
  action: AnyAction,
  schema: z.ZodType,
  caller: FuzzEntry['caller'],
): FuzzEntry {
  return {
    id: `${T}/${id}`,
    fn: action,
    caller,
    // Random tokens match no invitation: every call must be a clear refusal that changes nothing.
    // The token is hinted: a derived 43-character match of the pattern is too rare to generate.
    inputs: (w) => fuzzInput(shapedBy(schema, w, { token: TOKEN }), w.ids),
    call: async (_w, input) => actionOutcome(await action(input)),
    mayChange: () => false,
    secret: (w) => w.foreignIds,
  };
}

export const TEAM_TENANT_ENTRIES: FuzzEntry[] = [
  teamAction(
    'invite-member.ts#inviteMemberAction',
    inviteMemberAction,
    inviteMemberSchema,
    'invitations',
  ),
  teamAction(
    'resend-invitation.ts#resendInvitationAction',
    resendInvitationAction,
    invitationIdSchema,
    'invitations',
  ),
  teamAction(
    'revoke-invitation.ts#revokeInvitationAction',
    revokeInvitationAction,
    invitationIdSchema,
    'invitations',
  ),
  teamAction(
    'change-member-role.ts#changeMemberRoleAction',
    changeMemberRoleAction,
    changeMemberRoleSchema,
    'clinic_memberships',
  ),
  teamAction(
    'remove-member.ts#removeMemberAction',
    removeMemberAction,
    memberIdSchema,
    'clinic_memberships',
  ),
];

export const TEAM_SESSION_ENTRIES: FuzzEntry[] = [
  signedInOrPublic(
    'accept-invitation.ts#acceptInvitationAction',
    acceptInvitationAction,
    acceptInvitationSchema,
    (w) => ({ label: 'member of A and B', user: w.shared, clinicId: w.a.id }),
  ),
];

export const TEAM_CONTROL_AND_PUBLIC_ENTRIES: FuzzEntry[] = [
  {
    id: 'lib/control/actions/invite-to-clinic.ts#inviteToClinicAction',
    fn: inviteToClinicAction,
    caller: (w) => ({ label: 'ops in global mode', user: w.ops, globalMode: true }),
    inputs: inputs(inviteToClinicSchema),
    call: async (_w, input) => actionOutcome(await inviteToClinicAction(input as never)),
    // The invitation, and the audit rows of the clinic it names.
    mayChange: (_w, input, key) =>
      key === 'invitations' ||
      key.startsWith(`${String((input as { clinicId?: unknown })?.clinicId).toLowerCase()}:`),
    secret: () => [],
  },
  signedInOrPublic(
    'create-account-from-invitation.ts#createAccountFromInvitationAction',
    createAccountFromInvitationAction,
    createAccountFromInvitationSchema,
    () => null,
  ),
];
