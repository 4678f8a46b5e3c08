import 'server-only';
import { cache } from 'react';
import type { Session } from 'next-auth';
import type { SessionIntent } from './intents';
import { auth, unstable_update } from './next-auth';

export type SessionView = Session['claims'];

/** The signed session's claims for this request, or null. Checks `uid`, never `if (session)`. */
export const readSession = cache(async (): Promise<SessionView | null> => {
  const claims = (await auth())?.claims;
  return claims?.uid ? claims : null;
});

/** Asks next-auth to re-issue the token with an intent the jwt callback re-derives in the db. */
export async function updateSession(intent: SessionIntent): Promise<void> {
  await unstable_update({ intent });
}
