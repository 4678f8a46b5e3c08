import 'server-only';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { ensureControlPlane, requireUser, type UserContext } from '@/lib/auth/context';
import { roleHasPermission } from '@/lib/auth/permissions';
import { ForbiddenError, MfaRequiredError, UnauthenticatedError } from '@/lib/errors';

export type ControlPlaneGate =
  | { ok: true; ctx: UserContext }
  /** Signed in but refused; `canEnterGlobalMode` says whether entering global mode would help. */
  | { ok: false; canEnterGlobalMode: boolean };

/**
 * The guard every control-plane page and the admin layout call. Layouts do not guard pages on
 * their own (client navigations re-render only the page segment), so each page asks again; the
 * per-request cache makes layout, page and the 403 panel (app/admin/forbidden.tsx) share one
 * check and one audit row. Anonymous visitors go to the login page; the caller answers a refusal
 * with `forbidden()`.
 */
export const controlPlaneGate = cache(async (): Promise<ControlPlaneGate> => {
  try {
    return { ok: true, ctx: await ensureControlPlane() };
  } catch (err) {
    // Middleware normally sends anonymous visitors to /login first, with the exact path.
    if (err instanceof MfaRequiredError) redirect(err.page);
    if (err instanceof UnauthenticatedError) redirect('/login?callbackUrl=%2Fadmin');
    if (err instanceof ForbiddenError) {
      const { user } = await requireUser();
      return {
        ok: false,
        canEnterGlobalMode: roleHasPermission(user.systemRoleId, 'control_plane.access'),
      };
    }
    throw err;
  }
});
