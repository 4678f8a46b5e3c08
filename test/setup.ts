import { vi } from 'vitest';
import type { SessionIntent } from '@/lib/auth/intents';
import { removeDataLayerFilter } from './walls';

// `server-only` throws outside React Server Components; under Vitest every module is "server".
vi.mock('server-only', () => ({}));

// The session cookie is the one thing tests stand in for: everything behind it (users,
// memberships, permissions, tenantDb) runs for real against the test database.
vi.mock('@/lib/auth/session', async () => {
  const { testSession, tokenToView } = await import('./session-state');
  const { applyIntent } = await import('@/lib/auth/intents');
  return {
    readSession: async () => testSession.current,
    updateSession: async (intent: SessionIntent) => {
      if (!testSession.current) return;
      testSession.current = tokenToView(await applyIntent({ ...testSession.current }, intent));
    },
  };
});

vi.mock('next/headers', async () => {
  const { testSession } = await import('./session-state');
  return {
    headers: async () => testSession.headers,
    // Writable, as in a server action: signing out clears next-auth's cookies through it.
    cookies: async () => ({
      get: () => undefined,
      getAll: () => [],
      has: () => false,
      set: () => {},
      delete: () => {},
    }),
  };
});

vi.mock('next/cache', () => ({
  revalidatePath: () => {},
  revalidateTag: () => {},
  unstable_cache: <T>(fn: T) => fn,
}));

// In the wall2 and wall3 modes (test/walls.ts) the data layer's clinic filter is taken away.
await removeDataLayerFilter();
