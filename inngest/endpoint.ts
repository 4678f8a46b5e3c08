import { serve } from 'inngest/next';
import { NextResponse } from 'next/server';
import { jobsMode, type JobsMode } from '@/lib/env';
import { publicOrigin } from '@/lib/security/origin';
import { inngest } from './client';
import { functions } from './functions';

export const INLINE_JOBS_MESSAGE =
  'Background jobs run in-process in this deployment, so there is no Inngest endpoint. ' +
  'Set INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY (or INNGEST_DEV=1 in development) to use Inngest.';

/**
 * The handlers of /api/inngest. With Inngest, its SDK serves the functions and refuses unsigned
 * runs with 401 (cloud mode). When jobs run in-process there is nothing to serve: without this,
 * the SDK answered every method with a bare 500, which reads like a crash.
 */
export function inngestEndpoint(
  mode: JobsMode = jobsMode(),
  client = inngest,
  origin = publicOrigin(),
) {
  // An unsigned PUT makes the SDK register this app with Inngest at the URL it was reached on; a
  // forged Host header would move the app's jobs elsewhere. The public origin is that URL.
  if (mode !== 'inline') return serve({ client, functions, serveOrigin: origin ?? undefined });
  const notHere = async () =>
    NextResponse.json(
      { error: INLINE_JOBS_MESSAGE, mode },
      { status: 404, headers: { 'Cache-Control': 'no-store' } },
    );
  return { GET: notHere, POST: notHere, PUT: notHere };
}
