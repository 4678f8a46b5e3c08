import 'server-only';
import { randomUUID } from 'node:crypto';
import { createSafeActionClient } from 'next-safe-action';
import { z } from 'zod';
import { requireOwnSession, requireClinicWrite, ensureControlPlane } from '@/lib/auth/context';
import { pageStampSchema } from '@/lib/auth/stale-page';
import { PERMISSIONS, type Permission } from '@/lib/auth/permissions';
import { isUserVisible } from '@/lib/errors';

const PERMISSION_KEYS = Object.keys(PERMISSIONS) as [Permission, ...Permission[]];

/** How the message for an unknown error starts (what a 500 is to a server action). */
export const UNKNOWN_ERROR_PREFIX = 'Something went wrong.';

/**
 * Only allow-listed errors show their message; anything else is logged with a reference the user
 * can quote, and the user sees a generic message.
 */
function handleServerError(err: Error, { metadata }: { metadata: { name: string } }): string {
  if (isUserVisible(err)) return err.message;
  const ref = randomUUID().slice(0, 8);
  console.error(`[action ${metadata.name}] ref=${ref}`, err);
  return `${UNKNOWN_ERROR_PREFIX} If it keeps happening, quote reference ${ref}.`;
}

/**
 * Tenant-plane actions (all of them write). The metadata is required (an action without
 * `.metadata(...)` does not compile) and names the permission, which is checked against the role
 * read from the database before the action body runs. The first, bound argument is the stamp of
 * the page the action was called from (`useClinicAction` binds it): a page rendered for another
 * clinic or user than the session's is refused before anything else. `ctx.db` is the clinic's
 * tenantDb.
 */
export const clinicAction = createSafeActionClient({
  defineMetadataSchema: () => z.object({ name: z.string(), permission: z.enum(PERMISSION_KEYS) }),
  handleServerError,
})
  .bindArgsSchemas([pageStampSchema])
  .use(async ({ next, metadata, bindArgsClientInputs }) =>
    next({
      ctx: await requireClinicWrite(metadata.permission, bindArgsClientInputs[0], metadata.name),
    }),
  );

/** Control-plane actions: a system admin in global mode holding the named permission. */
export const controlPlaneAction = createSafeActionClient({
  defineMetadataSchema: () =>
    z.object({
      name: z.string(),
      permission: z.enum(['control_plane.access', 'retention.run', 'support.open']),
    }),
  handleServerError,
}).use(async ({ next, metadata }) => next({ ctx: await ensureControlPlane(metadata.permission) }));

/**
 * Actions about the user's own session and account (switching clinic, entering global mode, MFA
 * enrolment). They declare `permission: 'own-session'`: any signed-in, enabled user, re-checked in
 * the database. A user who must still enrol in MFA may call them (enrolling is one), but what they
 * lead to re-checks: a clinic or the control plane stays closed until enrolment. A session that
 * has not passed its code step is refused, and that is audited.
 */
export const sessionAction = createSafeActionClient({
  defineMetadataSchema: () => z.object({ name: z.string(), permission: z.literal('own-session') }),
  handleServerError,
}).use(async ({ next, metadata }) => next({ ctx: await requireOwnSession(metadata.name) }));

/** Actions anyone may call (signing in). Declared explicitly, so it is a choice, not an omission. */
export const publicAction = createSafeActionClient({
  defineMetadataSchema: () => z.object({ name: z.string(), permission: z.literal('public') }),
  handleServerError,
});
