import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { clinicMemberships, roles, users } from '@/db/schema';
import type { TenantScope } from '@/db/tenant';
import type { ClinicContext } from '@/lib/auth/context';
import { formatInstantDate, type ClinicClock } from '@/lib/dates/format';
import { settingValues } from '@/lib/settings/resolve';

/** A member of the active clinic, as the members page and the audit actor filter show them. */
export interface MemberDto {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  roleId: string;
  roleName: string;
  disabled: boolean;
  /** When the membership was created, ISO 8601 (UTC). */
  since: string;
  /** The same day as shown in the clinic's timezone, e.g. "4 Mar 2026". */
  sinceLabel: string;
}

/**
 * The scope's clinic members, read as the tenant role: RLS limits clinic_memberships to this
 * clinic and users to its members (and only their id, email, name and disabled columns), and the
 * query filters on the clinic as well.
 */
export async function listMembersIn(scope: TenantScope, timezone: string): Promise<MemberDto[]> {
  const rows = await scope
    .from(clinicMemberships, {
      membershipId: clinicMemberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      disabled: users.disabled,
      roleId: roles.id,
      roleName: roles.name,
      since: clinicMemberships.createdAt,
    })
    .innerJoin(users, eq(users.id, clinicMemberships.userId))
    .innerJoin(roles, eq(roles.id, clinicMemberships.roleId))
    .orderBy(asc(users.name), asc(users.email));
  return rows.map((r) => ({
    ...r,
    since: r.since.toISOString(),
    sinceLabel: formatInstantDate(r.since, { timeZone: timezone }),
  }));
}

/** The active clinic's staff and its clock (timezone, 12/24-hour), in one transaction. */
export async function listClinicMembers(
  ctx: Pick<ClinicContext, 'db'>,
): Promise<{ members: MemberDto[]; clock: ClinicClock }> {
  return ctx.db.read(async (t) => {
    const { timezone, time_format } = await settingValues(t);
    const clock = { timeZone: timezone, timeFormat: time_format };
    return { members: await listMembersIn(t, timezone), clock };
  });
}
