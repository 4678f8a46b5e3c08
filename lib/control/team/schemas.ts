/**
 * Input schemas of the team actions (invitations and members). Plain zod without server imports,
 * so forms validate with the schema the server enforces. Strict: a smuggled `clinicId` is refused;
 * the clinic always comes from the caller's server-side context.
 */
import { z } from 'zod';
import { CLINIC_ROLES } from '@/lib/auth/permissions';
import { emailSchema, newPasswordSchema } from '@/lib/control/user-schemas';
import { nameSchema } from '@/lib/control/schemas';
import { text } from '@/lib/validation/text';

const clinicRole = z.enum(CLINIC_ROLES, { error: 'Choose a clinic role' });

export const inviteMemberSchema = z.object({ email: emailSchema, roleId: clinicRole }).strict();
export type InviteMemberInput = z.input<typeof inviteMemberSchema>;

/** The operator's invitation names the clinic: the control plane works across clinics. */
export const inviteToClinicSchema = z
  .object({ clinicId: z.uuid('Choose a clinic'), email: emailSchema, roleId: clinicRole })
  .strict();
export type InviteToClinicInput = z.input<typeof inviteToClinicSchema>;

export const invitationIdSchema = z.object({ invitationId: z.uuid() }).strict();

export const changeMemberRoleSchema = z
  .object({ membershipId: z.uuid(), roleId: clinicRole })
  .strict();

export const memberIdSchema = z.object({ membershipId: z.uuid() }).strict();

/** The token from the e-mailed link: base64url of 32 bytes (43 characters). */
export const invitationTokenSchema = text()
  .length(43, 'This link is not valid.')
  .regex(/^[A-Za-z0-9_-]{43}$/, 'This link is not valid.');

export const acceptInvitationSchema = z.object({ token: invitationTokenSchema }).strict();

/** A new person's account: the password meets the policy (zxcvbn, asynchronous). */
export const createAccountFromInvitationSchema = z
  .object({ token: invitationTokenSchema, name: nameSchema, password: newPasswordSchema })
  .strict();
export type CreateAccountFromInvitationInput = z.input<typeof createAccountFromInvitationSchema>;
