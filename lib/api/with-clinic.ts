import 'server-only';
import { randomUUID } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { requireClinicWrite, requirePermission, type ClinicContext } from '@/lib/auth/context';
import { readPageStampHeaders } from '@/lib/auth/page-stamp';
import type { Permission } from '@/lib/auth/permissions';
import {
  ForbiddenError,
  NoClinicError,
  NotFoundError,
  StalePageError,
  UnauthenticatedError,
  isUserVisible,
} from '@/lib/errors';
import { isCrossSiteWrite } from '@/lib/security/origin';

export type ClinicRouteHandler<P> = (
  req: NextRequest,
  ctx: ClinicContext,
  params: P,
) => Promise<Response>;

/** JSON error bodies share one shape, so a foreign id and a missing id look the same. */
export function errorResponse(status: number, message: string): NextResponse {
  return NextResponse.json(
    { error: message },
    { status, headers: { 'Cache-Control': 'no-store' } },
  );
}

function statusFor(err: Error): number {
  if (err instanceof UnauthenticatedError) return 401;
  if (err instanceof NoClinicError || err instanceof ForbiddenError) return 403;
  if (err instanceof NotFoundError) return 404;
  if (err instanceof StalePageError) return 409;
  return 400;
}

const isRead = (req: NextRequest) => req.method === 'GET' || req.method === 'HEAD';

/**
 * Route handlers get the same guarantees as actions: a required permission, checked against the
 * clinic context re-derived from the database, same-site writes, and errors mapped to clear 4xx
 * responses (a bad query is a 400 with the zod message, never a 500).
 */
export function withClinic<P = Record<string, string>>(
  handler: ClinicRouteHandler<P>,
  options: {
    permission: Permission;
    /**
     * Answer every refusal after sign-in (no clinic, missing permission) as this 404 message,
     * exactly as the handler answers a missing or foreign id: the file download route, where a
     * 403 would confirm that the id exists. Anonymous requests still get 401.
     */
    refusalsAsNotFound?: string;
  },
) {
  return async (req: NextRequest, route: { params: Promise<P> }): Promise<Response> => {
    // Again here (middleware refuses these first), because middleware can be bypassed.
    if (isCrossSiteWrite(req)) return errorResponse(403, 'Cross-site request refused');
    try {
      // Reads name no page; a write must come from a page of the session's clinic and user.
      const ctx = isRead(req)
        ? await requirePermission(options.permission)
        : await requireClinicWrite(
            options.permission,
            readPageStampHeaders(req.headers),
            `${req.method} ${req.nextUrl.pathname}`,
          );
      return await handler(req, ctx, await route.params);
    } catch (err) {
      if (
        options.refusalsAsNotFound !== undefined &&
        (err instanceof NoClinicError || err instanceof ForbiddenError)
      ) {
        return errorResponse(404, options.refusalsAsNotFound);
      }
      if (err instanceof z.ZodError) {
        return errorResponse(
          400,
          err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        );
      }
      if (err instanceof Error && isUserVisible(err))
        return errorResponse(statusFor(err), err.message);
      const ref = randomUUID().slice(0, 8);
      console.error(`[route ${req.nextUrl.pathname}] ref=${ref}`, err);
      return errorResponse(500, `Something went wrong (reference ${ref}).`);
    }
  };
}
