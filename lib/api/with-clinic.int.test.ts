/**
 * withClinic on its own, with handlers made for the test: which check answers with which status
 * and body. The real route handlers are in the isolation matrix and their own tests.
 */
import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { removeMembership } from '@/db/control/memberships';
import { endSession } from '@/db/control/sessions';
import { auditEvents } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { withClinic } from '@/lib/api/with-clinic';
import { pageStampHeaders } from '@/lib/auth/page-stamp';
import { ActionError, NotFoundError, StalePageError } from '@/lib/errors';
import { makeClinic, signInMember, type TestClinic } from '@/test/appointment-fixtures';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { SYSTEM_ACTOR } from '@/test/fixtures';
import { currentPageStamp, signOut, testSession } from '@/test/session-state';

const db = useTestDatabase();
let north: TestClinic;

beforeEach(async () => {
  await resetDatabase(db.handle());
  north = await makeClinic('Northside');
  await signInMember(north.doctor);
});

const route = { params: Promise.resolve({ id: 'abc' }) };

function request(method: string, headers: Record<string, string> = {}) {
  return new NextRequest('http://localhost/api/thing', { method, headers });
}

/** A write from a page of the current session, as useClinicFetch sends it. */
const fromPage = (method = 'POST') => request(method, pageStampHeaders(currentPageStamp()));

async function answer(res: Response) {
  return { status: res.status, body: await res.json(), cache: res.headers.get('cache-control') };
}

describe('withClinic', () => {
  it('hands the handler the clinic context and the route params', async () => {
    const handler = withClinic(
      async (_req, ctx, params) =>
        Response.json({ clinic: ctx.clinicId, user: ctx.user.id, params }),
      { permission: 'patients.read' },
    );
    for (const method of ['GET', 'HEAD']) {
      const res = await handler(request(method), route);
      expect(res.status).toBe(200);
      if (method === 'GET')
        expect(await res.json()).toEqual({
          clinic: north.id,
          user: north.doctor.userId,
          params: { id: 'abc' },
        });
    }
  });

  it('answers each refusal with its status and message, never caching it', async () => {
    const read = withClinic(async () => new Response('ok'), { permission: 'settings.update' });
    expect(await answer(await read(request('GET'), route))).toEqual({
      status: 403,
      body: { error: 'You do not have permission to do that' },
      cache: 'no-store',
    });
    testSession.current = { ...testSession.current!, activeClinicId: null };
    expect((await read(request('GET'), route)).status).toBe(403);
    signOut();
    expect(await answer(await read(request('GET'), route))).toEqual({
      status: 401,
      body: { error: 'Please sign in' },
      cache: 'no-store',
    });
  });

  it('audits a missing permission, and refuses a session or membership that has ended', async () => {
    const read = withClinic(async () => new Response('ok'), { permission: 'settings.update' });
    await read(request('GET'), route);
    const denied = await tenantDb(north.id).list(auditEvents, {
      where: eq(auditEvents.action, 'authz.denied'),
      limit: 5,
    });
    expect(denied.map((a) => [a.actorUserId, a.outcome, a.metadata])).toEqual([
      [north.doctor.userId, 'denied', { permission: 'settings.update' }],
    ]);

    const list = withClinic(async () => new Response('ok'), { permission: 'patients.read' });
    await removeMembership(SYSTEM_ACTOR, north.doctor.membershipId);
    // No new sign-in: removal ends work in the clinic, not the session.
    expect(await answer(await list(request('GET'), route))).toMatchObject({
      status: 403,
      body: { error: 'You no longer have access to that clinic.' },
    });
    await endSession(testSession.current!.sessionId, Date.now());
    expect(await answer(await list(request('GET'), route))).toMatchObject({
      status: 401,
      body: { error: 'Your session has ended. Please sign in again.' },
    });
  });

  it('maps what the handler throws: not found 404, stale page 409, other user errors 400', async () => {
    const throwing = (err: Error) =>
      withClinic(
        async () => {
          throw err;
        },
        { permission: 'patients.read' },
      )(request('GET'), route);
    expect(await answer(await throwing(new NotFoundError('Patient not found.')))).toEqual({
      status: 404,
      body: { error: 'Patient not found.' },
      cache: 'no-store',
    });
    expect((await throwing(new StalePageError('stale'))).status).toBe(409);
    expect(await answer(await throwing(new ActionError('Bad period.')))).toMatchObject({
      status: 400,
      body: { error: 'Bad period.' },
    });
  });

  it('answers a zod error with 400 and each issue as path: message', async () => {
    const schema = z.object({ q: z.string(), page: z.object({ size: z.number() }) });
    const handler = withClinic(async () => Response.json(schema.parse({ page: { size: 'x' } })), {
      permission: 'patients.read',
    });
    expect(await answer(await handler(request('GET'), route))).toEqual({
      status: 400,
      body: {
        error:
          'q: Invalid input: expected string, received undefined; page.size: Invalid input: expected number, received string',
      },
      cache: 'no-store',
    });
  });

  it('hides an unexpected error behind a reference it logs', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const handler = withClinic(
      async () => {
        throw new Error('connection reset: secret detail');
      },
      { permission: 'patients.read' },
    );
    const res = await answer(await handler(request('GET'), route));
    expect(res.status).toBe(500);
    expect(res.body.error).toMatch(/^Something went wrong \(reference [0-9a-f]{8}\)\.$/);
    const ref = /reference ([0-9a-f]{8})/.exec(res.body.error)![1];
    expect(logged).toHaveBeenCalledWith(`[route /api/thing] ref=${ref}`, expect.any(Error));
    logged.mockRestore();
  });

  it('answers refusals as the given 404 where a 403 would confirm that the id exists', async () => {
    const handler = withClinic(async () => new Response('ok'), {
      permission: 'settings.update',
      refusalsAsNotFound: 'File not found.',
    });
    expect(await answer(await handler(request('GET'), route))).toEqual({
      status: 404,
      body: { error: 'File not found.' },
      cache: 'no-store',
    });
    testSession.current = { ...testSession.current!, activeClinicId: null };
    expect((await handler(request('GET'), route)).status).toBe(404);
    signOut();
    expect((await handler(request('GET'), route)).status).toBe(401);
  });

  it("lets a write through only with its page's stamp, and names the method and path", async () => {
    const handler = withClinic(async () => new Response('done'), { permission: 'patients.update' });
    expect((await handler(fromPage(), route)).status).toBe(200);
    expect((await handler(fromPage('DELETE'), route)).status).toBe(200);
    expect(await answer(await handler(request('POST'), route))).toMatchObject({
      status: 409,
      body: { error: expect.stringMatching(/^This page is out of date\./) },
    });
    const audits = await tenantDb(north.id).list(auditEvents, {
      where: eq(auditEvents.action, 'write.stale_page'),
      limit: 5,
    });
    expect(audits.map((a) => a.metadata)).toEqual([
      { action: 'POST /api/thing', reason: 'no_stamp', pageClinicId: null },
    ]);
  });

  it('refuses a cross-site write with 403 before anything else', async () => {
    const handler = withClinic(async () => new Response('done'), { permission: 'patients.update' });
    const res = await handler(
      request('POST', { ...pageStampHeaders(currentPageStamp()), origin: 'https://evil.test' }),
      route,
    );
    expect(await answer(res)).toEqual({
      status: 403,
      body: { error: 'Cross-site request refused' },
      cache: 'no-store',
    });
  });
});
