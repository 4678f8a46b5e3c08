import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { ForbiddenError, NoClinicError, UnauthenticatedError } from '@/lib/errors';
import {
  ensureControlPlane,
  requireClinicContext,
  requirePermission,
  type ClinicContext,
  type UserContext,
} from './context';
import type { Permission } from './permissions';

function toNavigation(err: unknown): never {
  if (err instanceof UnauthenticatedError) redirect('/login');
  if (err instanceof NoClinicError) redirect('/select-clinic');
  if (err instanceof ForbiddenError) forbidden();
  throw err;
}

/** For clinic pages: the context, or the right redirect / 403 page. */
export async function clinicPage(permission?: Permission): Promise<ClinicContext> {
  try {
    return permission ? await requirePermission(permission) : await requireClinicContext();
  } catch (err) {
    return toNavigation(err);
  }
}

/** For control-plane pages: a system admin in global mode, or the right redirect / 403 page. */
export async function controlPlanePage(): Promise<UserContext> {
  try {
    return await ensureControlPlane();
  } catch (err) {
    return toNavigation(err);
  }
}
