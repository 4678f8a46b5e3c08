import 'server-only';
import { and, asc, eq, ilike, inArray, or } from 'drizzle-orm';
import { z } from 'zod';
import { text } from '@/lib/validation/text';
import { clinicMemberships, roles, users } from '@/db/schema';
import type { TenantScope } from '@/db/tenant';
import type { PractitionerChoice } from '@/lib/appointments/types';
import type { ClinicContext } from '@/lib/auth/context';
import { PRACTITIONER_ROLES, isPractitionerRole } from '@/lib/auth/permissions';
import { PractitionerNotBookableError } from '@/lib/appointments/errors';
import { NotFoundError } from '@/lib/errors';

export const STAFF_SEARCH_MAX = 50;
export const STAFF_SEARCH_DEFAULT = 20;

/** Empty query parameters (`?role=`) mean "not given". */
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/**
 * `GET /api/staff/search` parameters. Unknown parameters are ignored (cache busters and the like);
 * a bad role (a non-clinical one included: only practitioners are offered) or limit is a 400. Limits above the maximum are capped, not refused.
 */
export const staffSearchQuerySchema = z.object({
  q: z.preprocess(blankToUndefined, text().trim().max(100, 'q: at most 100 characters').optional()),
  role: z.preprocess(blankToUndefined, z.enum(PRACTITIONER_ROLES).optional()),
  limit: z.preprocess(
    blankToUndefined,
    z.coerce
      .number()
      .int()
      .min(1)
      .default(STAFF_SEARCH_DEFAULT)
      .transform((n) => Math.min(n, STAFF_SEARCH_MAX)),
  ),
});
export type StaffSearchQuery = z.output<typeof staffSearchQuerySchema>;

/** `%`, `_` and `\` typed by the user match themselves, not as wildcards. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Members of the scope's clinic who can be chosen as a practitioner: enabled users in a clinical
 * role (optionally one of them), whose name or email contains `q`. The tenant role sees only its own clinic's
 * memberships and, of users, only id, email, name and disabled (0002_tenant_walls.sql); the
 * scope filters the memberships on the clinic as well. A linear ILIKE is fine: a clinic has tens of staff.
 */
export async function searchStaffIn(
  t: TenantScope,
  query: StaffSearchQuery,
): Promise<PractitionerChoice[]> {
  const text = query.q?.trim();
  const rows = await t
    .from(clinicMemberships, {
      id: clinicMemberships.id,
      label: users.name,
      role: clinicMemberships.roleId,
      email: users.email,
    })
    .innerJoin(users, eq(users.id, clinicMemberships.userId))
    .where(
      and(
        eq(users.disabled, false),
        query.role
          ? eq(clinicMemberships.roleId, query.role)
          : inArray(clinicMemberships.roleId, [...PRACTITIONER_ROLES]),
        text
          ? or(ilike(users.name, likeContains(text)), ilike(users.email, likeContains(text)))
          : undefined,
      ),
    )
    .orderBy(asc(users.name), asc(clinicMemberships.id))
    .limit(query.limit);
  return rows;
}

export async function searchStaff(
  ctx: Pick<ClinicContext, 'db'>,
  query: StaffSearchQuery,
): Promise<PractitionerChoice[]> {
  return ctx.db.read((t) => searchStaffIn(t, query));
}

export interface Practitioner extends PractitionerChoice {
  roleName: string;
}

/**
 * A bookable practitioner of this clinic by membership id: another clinic's membership, a
 * disabled user or a malformed id are all "not found"; a member in a non-clinical role (a
 * receptionist, a clinic admin) is refused with a message next to the practitioner field.
 */
export async function getPractitionerOrThrow(
  t: TenantScope,
  membershipId: string,
): Promise<Practitioner> {
  const parsed = z.uuid().safeParse(membershipId);
  const [row] = parsed.success
    ? await t
        .from(clinicMemberships, {
          id: clinicMemberships.id,
          label: users.name,
          role: clinicMemberships.roleId,
          roleName: roles.name,
          email: users.email,
        })
        .innerJoin(users, eq(users.id, clinicMemberships.userId))
        .innerJoin(roles, eq(roles.id, clinicMemberships.roleId))
        .where(and(eq(clinicMemberships.id, parsed.data), eq(users.disabled, false)))
        .limit(1)
    : [];
  if (!row) throw new NotFoundError('Practitioner not found in this clinic.');
  if (!isPractitionerRole(row.role)) throw new PractitionerNotBookableError(row.roleName);
  return row;
}

/** What the booking form needs to prefill a practitioner; undefined unless bookable here. */
export async function findPractitionerChoice(
  ctx: Pick<ClinicContext, 'db'>,
  membershipId: string,
): Promise<PractitionerChoice | undefined> {
  try {
    const { id, label, role, email } = await ctx.db.transaction((t) =>
      getPractitionerOrThrow(t, membershipId),
    );
    return { id, label, role, email };
  } catch (err) {
    if (err instanceof NotFoundError || err instanceof PractitionerNotBookableError)
      return undefined;
    throw err;
  }
}
