/**
 * Scheduled fan-out: a cron function that sends one event per ACTIVE clinic and does no clinic
 * work itself. Each event then runs as that clinic's own tenant job (its own concurrency slot,
 * retries and failure), so no step ever works across clinics' data.
 *
 * Kept separate from the event-triggered jobs on purpose: a cron trigger beside an event trigger
 * on one function makes an empty-data Invoke from the dashboard fail that event's schema.
 */
import { cron } from 'inngest';
import { listActiveClinicIds } from '@/db/control/clinics';
import { inngest } from './client';
import type { ALL_EVENTS } from './events';

type AppEvent = (typeof ALL_EVENTS)[number];
/** An event built with one of the app's eventType(...).create(): validated before it is sent. */
export type CreatedAppEvent = ReturnType<AppEvent['create']>;

export interface FanOutCronDefinition {
  id: string;
  /** A cron expression with its timezone, e.g. `TZ=UTC 0 3 * * *`. */
  schedule: string;
  /** The event for one clinic; `firedAt` is the time the run started (fixed in a step). */
  eventFor: (clinicId: string, firedAt: Date) => CreatedAppEvent;
}

export function defineFanOutCron(def: FanOutCronDefinition) {
  return inngest.createFunction(
    { id: def.id, retries: 3, triggers: [cron(def.schedule)] },
    async ({ step }) => {
      // The clinic list and the time are read once and memoised: a retried run sends the same set.
      const { clinicIds, firedAt } = await step.run('list-active-clinics', async () => ({
        clinicIds: await listActiveClinicIds(),
        firedAt: new Date().toISOString(),
      }));
      if (clinicIds.length === 0) return { sent: 0 };
      const events = clinicIds.map((id) => def.eventFor(id, new Date(firedAt)));
      await step.sendEvent('fan-out', events);
      return { sent: events.length };
    },
  );
}
