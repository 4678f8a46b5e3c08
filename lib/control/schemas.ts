/**
 * Input schemas of the control-plane actions. Plain zod with no server imports, so the forms
 * validate with exactly the schema the server enforces. Every schema is strict: an extra field
 * (a smuggled `clinicId`, `systemRoleId`, `createdBy`, ...) is a validation error, never trusted.
 */
import { z } from 'zod';
import { text } from '@/lib/validation/text';
import { CLINIC_ROLES } from '@/lib/auth/permissions';
import { isTimeZone } from '@/lib/timezones';

export const SLUG_PATTERN = /^[a-z0-9-]{2,40}$/;

/** Checkboxes arrive as booleans from code and as "true"/"on"/"false" strings from form data. */
const formBoolean = z.union([z.boolean(), z.stringbool()]);

/** A person's or a clinic's name. */
export const nameSchema = text()
  .trim()
  .min(1, 'Enter a name')
  .max(120, 'Use at most 120 characters');
const clinicRole = z.enum(CLINIC_ROLES, { error: 'Choose a clinic role' });

export const createClinicSchema = z
  .object({
    name: nameSchema,
    slug: text()
      .trim()
      .toLowerCase()
      .regex(SLUG_PATTERN, 'Use 2–40 lowercase letters, digits or hyphens'),
    timezone: text().trim().refine(isTimeZone, 'Choose an IANA timezone from the list'),
  })
  .strict();
export type CreateClinicInput = z.input<typeof createClinicSchema>;

export const clinicIdSchema = z.object({ clinicId: z.uuid() }).strict();

export const userIdSchema = z.object({ userId: z.uuid() }).strict();

export const addMembershipSchema = z
  .object({
    userId: z.uuid('Choose a user'),
    clinicId: z.uuid('Choose a clinic'),
    roleId: clinicRole,
  })
  .strict();
export type AddMembershipInput = z.input<typeof addMembershipSchema>;

export const changeMembershipRoleSchema = z
  .object({ membershipId: z.uuid(), roleId: clinicRole })
  .strict();

export const membershipIdSchema = z.object({ membershipId: z.uuid() }).strict();

export const updateSettingDefinitionSchema = z
  .object({
    key: text().min(1).max(100),
    // The form sends text; a caller may send a number. The definition's type decides what is valid.
    value: z.union([text().max(1000, 'Use at most 1000 characters'), z.number().transform(String)]),
    clinicOverridable: formBoolean,
  })
  .strict();
export type UpdateSettingDefinitionInput = z.input<typeof updateSettingDefinitionSchema>;
