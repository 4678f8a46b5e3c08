import 'server-only';
import { inngest } from '@/inngest/client';
import { afterResponse } from '@/lib/after-response';
import { env, jobsMode } from '@/lib/env';
import { runInline, type CreatedEvent } from './inline';

/**
 * Sends a job event. With Inngest (keys or dev server) it is sent and runs there; in the
 * zero-setup mode the same function body runs in this process after the response, so the
 * request that asked for it is not kept waiting. That job lives only in this process (lost if it
 * stops first): with several instances production needs Inngest or ALLOW_INLINE_JOBS=1 (lib/env.ts).
 */
export async function dispatch(event: CreatedEvent): Promise<void> {
  if (jobsMode(env) !== 'inline') {
    await inngest.send(event);
    return;
  }
  await event.validate();
  await afterResponse(() =>
    runInline(event).catch((err: unknown) => console.error(`[jobs] ${event.name} failed:`, err)),
  );
}
