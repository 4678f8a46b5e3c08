import { NonRetriableError } from 'inngest';
import { tenantJobs } from '@/inngest/functions';
import type { JobStep } from '@/inngest/tenant-job';

/** An event built with `eventType(...).create()`. */
export interface CreatedEvent {
  name: string;
  data: Record<string, unknown>;
  validate(): Promise<void>;
}

/** In-process steps: each runs once, right away (no memoisation or retries across crashes). */
const inlineStep: JobStep = {
  run: (_id, fn) => fn(),
};

/**
 * Runs the tenant job triggered by `event` in this process, exactly as Inngest would call it,
 * after validating the payload against the event schema.
 */
export async function runInline(event: CreatedEvent): Promise<unknown> {
  await event.validate();
  const job = tenantJobs.find((j) => j.trigger.name === event.name);
  if (!job) throw new Error(`No job handles ${event.name}`);
  try {
    return await job.run(event.data as never, inlineStep);
  } catch (err) {
    if (err instanceof NonRetriableError)
      console.warn(`[jobs] ${event.name} stopped: ${err.message}`);
    throw err;
  }
}
