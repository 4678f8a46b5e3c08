import type { DefaultSession } from 'next-auth';
import type { SessionClaims } from './claims';
import type { SessionIntent } from './intents';

declare module 'next-auth' {
  interface Session {
    user: { id: string } & DefaultSession['user'];
    claims: Pick<
      SessionClaims,
      | 'uid'
      | 'sv'
      | 'sessionId'
      | 'activeClinicId'
      | 'activeRole'
      | 'globalMode'
      | 'supportSessionId'
    >;
    /** Only ever honoured from server-side `unstable_update` (lib/auth/intents.ts). */
    intent?: SessionIntent;
  }
  interface User {
    sessionVersion?: number;
    userAgent?: string | null;
  }
}

declare module 'next-auth/jwt' {
  // Augmenting next-auth's JWT needs an interface, even one that only adds a supertype.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface JWT extends Partial<SessionClaims> {}
}
