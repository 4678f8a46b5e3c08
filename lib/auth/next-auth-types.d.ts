import type { DefaultSession } from 'next-auth';
import type { SessionClaims } from './claims';
import type { SessionIntent } from './intents';

declare module 'next-auth' {
  interface Session {
    user: { id: string } & DefaultSession['user'];
    claims: Pick<SessionClaims, 'uid' | 'sv' | 'activeClinicId' | 'activeRole' | 'globalMode'>;
    /** Only ever honoured from server-side `unstable_update` (lib/auth/intents.ts). */
    intent?: SessionIntent;
  }
  interface User {
    sessionVersion?: number;
  }
}

declare module 'next-auth/jwt' {
  interface JWT extends Partial<SessionClaims> {
    /** Rotated whenever the clinic or mode changes, so the cookie value changes too. */
    sid?: string;
  }
}
