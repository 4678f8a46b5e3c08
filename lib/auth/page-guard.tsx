import 'server-only';
import type { ReactNode } from 'react';
import { forbidden, redirect } from 'next/navigation';
import { ClinicFrame } from '@/components/session/clinic-frame';
import {
  ForbiddenError,
  MfaRequiredError,
  NoClinicError,
  UnauthenticatedError,
} from '@/lib/errors';
import { requireClinicContext, requirePermission, type ClinicContext } from './context';
import type { Permission } from './permissions';

function toNavigation(err: unknown): never {
  if (err instanceof MfaRequiredError) redirect(err.page);
  if (err instanceof UnauthenticatedError) redirect('/login');
  if (err instanceof NoClinicError) redirect('/select-clinic');
  if (err instanceof ForbiddenError) forbidden();
  throw err;
}

async function clinicContextOrNavigate(permission?: Permission): Promise<ClinicContext> {
  try {
    return permission ? await requirePermission(permission) : await requireClinicContext();
  } catch (err) {
    return toNavigation(err);
  }
}

/**
 * A clinic page: `render` gets the clinic context (or the visitor gets the right redirect or 403
 * page), and its output is framed with the clinic and user it was rendered for. The frame is what
 * lets forms on the page stamp their writes, and what keeps a page of one clinic from showing
 * under a header of another (components/session/clinic-frame.tsx). The only way to get a clinic
 * context in a page, so no page can leave the frame out.
 */
export function clinicPage<Props>(
  permission: Permission | undefined,
  render: (ctx: ClinicContext, props: Props) => Promise<ReactNode>,
) {
  return async function ClinicPage(props: Props) {
    const ctx = await clinicContextOrNavigate(permission);
    const body = await render(ctx, props);
    return (
      <ClinicFrame
        stamp={{ clinicId: ctx.clinicId, userId: ctx.user.id }}
        clinicName={ctx.clinicName}
      >
        {body}
      </ClinicFrame>
    );
  };
}
