import 'server-only';
import { cache } from 'react';
import { recordSystemEvent } from '@/db/control/audit';
import { findLiveSessionUser } from '@/db/control/sessions';
import { tenantDb, type TenantDb } from '@/db/tenant';
import { env } from '@/lib/env';
import { recordAudit } from '@/lib/audit/record';
import { supportAuditMirror } from '@/lib/control/support/audit';
import { liveSupportOf, type LiveSupport } from '@/lib/control/support/live';
import {
  ForbiddenError,
  MfaRequiredError,
  NoClinicError,
  UnauthenticatedError,
} from '@/lib/errors';
import { leaveSupport } from './claims';
import { clinicRequiresMfa } from './mfa/clinic-policy';
import { mfaGate, type MfaGate } from './mfa/policy';
import { roleHasPermission, type Permission } from './permissions';
import { requestMeta, type RequestMeta } from './request-context';
import { userClinics } from './request-reads';
import { readSession, type SessionView } from './session';
import { assertSamePage } from './stale-page';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  systemRoleId: string | null;
}

export interface UserContext {
  user: SessionUser;
  session: SessionView;
  meta: RequestMeta;
  /** The support session this operator works in, live in the database right now; else null. */
  support: LiveSupport | null;
  /** The user has confirmed two-factor sign-in (from the database). */
  mfaEnrolled: boolean;
}

export interface ClinicContext extends UserContext {
  clinicId: string;
  clinicName: string;
  /** Read from the database on every request, never from the token. */
  roleId: string;
  db: TenantDb;
}

/**
 * The signed-in user, re-checked against the database on every request: a disabled user, a token
 * from before an access change (stale session version), and a session that was signed out or sat
 * idle too long are all refused. A live session's activity is recorded. Fails closed. Also says
 * where two-factor sign-in stands (lib/auth/mfa/policy.ts), from the session's row, never the token.
 * A session whose support access has ended or expired is seen as back in global mode
 * (lib/control/support/live.ts).
 */
const liveSession = cache(async (): Promise<{ ctx: UserContext; gate: MfaGate }> => {
  const session = await readSession();
  if (!session) throw new UnauthenticatedError();
  const user = await findLiveSessionUser(
    session.sessionId,
    session.uid,
    Date.now(),
    env.SESSION_IDLE_MINUTES * 60_000,
  );
  if (!user || user.disabled || user.sessionVersion !== session.sv) {
    throw new UnauthenticatedError('Your session has ended. Please sign in again.');
  }
  // users_mfa_enrolled_whole: the date is set exactly when a confirmed secret is stored.
  const mfaEnrolled = user.mfaEnabledAt !== null;
  const gate = mfaGate({
    enrolled: mfaEnrolled,
    sessionVerified: user.sessionMfaVerifiedAt !== null,
    isOperator: user.systemRoleId !== null,
    nodeEnv: env.NODE_ENV,
  });
  const support = await liveSupportOf(session, user.systemRoleId);
  const operator = roleHasPermission(user.systemRoleId, 'control_plane.access');
  return {
    ctx: {
      user: { id: user.id, email: user.email, name: user.name, systemRoleId: user.systemRoleId },
      session: session.supportSessionId && !support ? leaveSupport(session, operator) : session,
      meta: await requestMeta(),
      mfaEnrolled,
      support,
    },
    gate,
  };
});

/**
 * The signed-in user, for everything but the account page and the code step: a session that has
 * not passed its code step, or a user who must enrol first, is refused (MfaRequiredError).
 */
export const requireUser = cache(async (): Promise<UserContext> => {
  const { ctx, gate } = await liveSession();
  if (gate !== 'ok') throw new MfaRequiredError(gate);
  return ctx;
});

/**
 * The user's own account and session (the /account page, session actions): open to a user who
 * must still enrol, since that is where they do it; refused until the session's code step passes.
 */
export const requireAccountUser = cache(async (): Promise<UserContext> => {
  const { ctx, gate } = await liveSession();
  if (gate === 'verify') throw new MfaRequiredError('verify');
  return ctx;
});

/** requireAccountUser for session actions: a refusal for want of the code step is audited. */
export async function requireOwnSession(action: string): Promise<UserContext> {
  try {
    return await requireAccountUser();
  } catch (err) {
    if (err instanceof MfaRequiredError) {
      await recordSystemEvent(
        { userId: (await readSession())?.uid ?? null, ...(await requestMeta()) },
        { action: 'auth.mfa_required', outcome: 'denied', metadata: { action } },
      );
    }
    throw err;
  }
}

/** The code step (/login/verify): only a live session that is waiting for its code. */
export const requireCodeStepUser = cache(async (): Promise<UserContext> => {
  const { ctx, gate } = await liveSession();
  if (gate !== 'verify') throw new UnauthenticatedError('There is no sign-in code to enter.');
  return ctx;
});

/**
 * The clinic the user works in: from the server-side session, re-checked against a live
 * membership (and an active clinic) in the database. Headers, query strings and bodies never
 * choose it. Cached per request. An operator in live support access gets the support session's
 * clinic under a support role instead, with every audit row mirrored (lib/control/support/audit.ts).
 */
export const requireClinicContext = cache(async (): Promise<ClinicContext> => {
  const base = await requireUser();
  if (base.support) return supportContext(base, base.support);
  const clinicId = base.session.activeClinicId;
  if (!clinicId) throw new NoClinicError();
  // The live membership, from the list the header shows too (read once per request).
  const membership = (await userClinics(base.user.id)).find((m) => m.clinicId === clinicId);
  if (!membership) throw new NoClinicError('You no longer have access to that clinic.');
  const db = tenantDb(membership.clinicId);
  if (!base.mfaEnrolled && (await clinicRequiresMfa(membership.clinicId))) {
    throw new MfaRequiredError(
      'enrol',
      `${membership.clinicName} requires two-step sign-in. Set it up here, then enter the clinic.`,
    );
  }
  return {
    ...base,
    clinicId: membership.clinicId,
    clinicName: membership.clinicName,
    roleId: membership.roleId,
    db,
  };
});

function supportContext(base: UserContext, support: LiveSupport): ClinicContext {
  return {
    ...base,
    clinicId: support.clinicId,
    clinicName: support.clinicName,
    roleId: support.writeAccess ? 'support_write' : 'support_read',
    db: tenantDb(
      support.clinicId,
      supportAuditMirror({ userId: base.user.id, ...base.meta }, support),
    ),
  };
}

export function can(ctx: Pick<ClinicContext, 'roleId'>, permission: Permission): boolean {
  return roleHasPermission(ctx.roleId, permission);
}

/** The clinic context, if the user's role there holds `permission`; a refusal is audited. */
export async function requirePermission(permission: Permission): Promise<ClinicContext> {
  return authorize(await requireClinicContext(), permission);
}

/**
 * For writes: the clinic context, if the page the write came from was rendered for this same
 * clinic and user (`pageStamp`, see page-stamp.ts) and the role holds `permission`. The page is
 * compared first, so a form left open in a tab after a switch elsewhere is refused as such.
 */
export async function requireClinicWrite(
  permission: Permission,
  pageStamp: unknown,
  action: string,
): Promise<ClinicContext> {
  const ctx = await requireClinicContext();
  await assertSamePage(ctx, pageStamp, action);
  return authorize(ctx, permission);
}

async function authorize(ctx: ClinicContext, permission: Permission): Promise<ClinicContext> {
  if (!can(ctx, permission)) {
    await ctx.db.transaction((t) =>
      recordAudit(
        t,
        { userId: ctx.user.id, ...ctx.meta },
        { action: 'authz.denied', outcome: 'denied', metadata: { permission } },
      ),
    );
    throw new ForbiddenError();
  }
  return ctx;
}

/**
 * The control-plane guard: a system admin (by permission) who is in global mode. Everything else
 * is refused and audited, including clinic admins trying control-plane work from the tenant plane.
 */
export async function ensureControlPlane(
  permission: Extract<
    Permission,
    'control_plane.access' | 'retention.run' | 'support.open'
  > = 'control_plane.access',
): Promise<UserContext> {
  let ctx: UserContext;
  try {
    ctx = await requireUser();
  } catch (err) {
    // Anonymous (or revoked) calls to control-plane endpoints are refused and recorded too.
    if (err instanceof UnauthenticatedError) {
      await recordSystemEvent(
        { userId: null, ...(await requestMeta()) },
        {
          action: 'control_plane.denied',
          outcome: 'denied',
          metadata: { permission, reason: 'unauthenticated' },
        },
      );
    }
    throw err;
  }
  const isAdmin = roleHasPermission(ctx.user.systemRoleId, permission);
  if (!ctx.session.globalMode || !isAdmin) {
    await recordSystemEvent(
      { userId: ctx.user.id, ...ctx.meta },
      {
        action: 'control_plane.denied',
        outcome: 'denied',
        metadata: { permission, reason: isAdmin ? 'not_in_global_mode' : 'missing_permission' },
      },
    );
    throw new ForbiddenError('This needs a system admin in global mode.');
  }
  return ctx;
}
