import 'server-only';
import type { ClinicContext } from '@/lib/auth/context';
import type { Inviter } from './invite';
import type { TeamActor } from './audit';

/** The clinic admin behind a team action: the clinic is the server-side context's, never input. */
export function clinicTeamActor(ctx: ClinicContext): TeamActor {
  return { userId: ctx.user.id, ...ctx.meta, controlPlane: false };
}

export function clinicInviter(ctx: ClinicContext): Inviter {
  return {
    ...clinicTeamActor(ctx),
    name: ctx.user.name,
    clinicId: ctx.clinicId,
    clinicName: ctx.clinicName,
    roleId: ctx.roleId,
  };
}
