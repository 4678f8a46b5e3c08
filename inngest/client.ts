import { Inngest, Middleware } from 'inngest';
import { env, jobsMode } from '@/lib/env';
import { KNOWN_EVENT_NAMES } from './events';

export class UncheckedEventError extends Error {
  readonly name = 'UncheckedEventError';
}

/**
 * Only events built with `eventType(...).create()` leave the process: those are validated against
 * their schema (so a missing clinicId fails here). A plain `{ name, data }` object or an unknown
 * event name is refused before anything is sent.
 */
export class ValidatedSendsOnly extends Middleware.BaseMiddleware {
  readonly id = 'validated-sends-only';

  transformSendEvent(arg: Middleware.TransformSendEventArgs): Middleware.TransformSendEventArgs {
    for (const event of arg.events) {
      if (!KNOWN_EVENT_NAMES.has(event.name)) {
        throw new UncheckedEventError(
          `Unknown event "${event.name}": declare it in inngest/events.ts`,
        );
      }
      if (typeof (event as { validate?: unknown }).validate !== 'function') {
        throw new UncheckedEventError(
          `Event "${event.name}" was sent as a plain object: build it with ${event.name}'s eventType().create()`,
        );
      }
    }
    return arg;
  }
}

export const inngest = new Inngest({
  id: 'clinic-saas',
  isDev: jobsMode() === 'inngest-dev',
  eventKey: env.INNGEST_EVENT_KEY,
  signingKey: env.INNGEST_SIGNING_KEY,
  middleware: [ValidatedSendsOnly],
});
