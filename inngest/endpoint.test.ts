import { Inngest } from 'inngest';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { INLINE_JOBS_MESSAGE, inngestEndpoint } from './endpoint';

const url = 'http://localhost/api/inngest';

describe('/api/inngest when jobs run in-process', () => {
  const endpoint = inngestEndpoint('inline');
  it.each(['GET', 'POST', 'PUT'] as const)('answers %s with 404 and says why', async (method) => {
    const res = await endpoint[method](new NextRequest(url, { method }), undefined);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: INLINE_JOBS_MESSAGE, mode: 'inline' });
  });
});

describe('/api/inngest with Inngest Cloud keys', () => {
  /** Where the SDK registers the app on a sync: Inngest's API is faked, no network is used. */
  const registered: string[] = [];
  const client = new Inngest({
    id: 'clinic-saas',
    isDev: false,
    eventKey: 'test-event-key',
    signingKey: `signkey-test-${'ab'.repeat(32)}`,
    fetch: (async (_input: RequestInfo | URL, init?: RequestInit) => {
      registered.push((JSON.parse(String(init?.body)) as { url: string }).url);
      return Response.json({ ok: true });
    }) as typeof fetch,
  });
  const endpoint = inngestEndpoint('inngest-cloud', client, 'https://clinic.example.com');

  it('refuses an unsigned function run with 401', async () => {
    const res = await endpoint.POST(
      new NextRequest(`${url}?fnId=clinic-saas-export&stepId=step`, {
        method: 'POST',
        body: JSON.stringify({ event: {}, events: [], steps: {}, ctx: {} }),
        headers: { 'content-type': 'application/json' },
      }),
      undefined,
    );
    expect(res.status).toBe(401);
  });

  it('registers the public origin on a sync, whatever Host the caller sent', async () => {
    await endpoint.PUT(
      new NextRequest(url, {
        method: 'PUT',
        headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
      }),
      undefined,
    );
    expect(registered).toEqual(['https://clinic.example.com/api/inngest']);
  });

  it('refuses a forged signature with 401', async () => {
    const res = await endpoint.POST(
      new NextRequest(`${url}?fnId=clinic-saas-export&stepId=step`, {
        method: 'POST',
        body: '{}',
        headers: {
          'content-type': 'application/json',
          'x-inngest-signature': `t=${Math.floor(Date.now() / 1000)}&s=${'0'.repeat(64)}`,
        },
      }),
      undefined,
    );
    expect(res.status).toBe(401);
  });
});
