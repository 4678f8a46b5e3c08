'use client';
import { useRouter } from 'next/navigation';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  type ReactNode,
} from 'react';
import { toast } from 'sonner';
import { changeAnnouncement, sameSession, type RenderedSession } from './rendered-session';
import { hasUnsavedInput } from './unsaved-input';

interface SessionSyncValue {
  /** The session the header (root layout) was rendered for. */
  rendered: RenderedSession;
  /**
   * Asks the server which session the cookie holds now; re-renders the tab if it changed, and
   * says what changed unless the caller has already told the user (`explained`).
   */
  check: (options?: { explained?: boolean }) => void;
  /** This tab just changed the session (switch, mode, sign-out, sign-in): tell the other tabs. */
  announce: () => void;
}

const SessionSyncContext = createContext<SessionSyncValue | null>(null);

/** Tabs of this browser tell each other about session changes on this channel. */
const CHANNEL = 'clinic-session';

/**
 * Keeps an open tab on the session the browser now holds. The session lives in one cookie for
 * every tab, so a clinic switch, a sign-out or a sign-in as someone else in one tab changes the
 * others' too. This tab hears of it from the other tab (BroadcastChannel), and checks itself
 * when it comes back into view or focus (the other tab may be another window or browser process).
 * It then re-renders from the server, header and page together, and says what changed. Writes are
 * refused on the server regardless (lib/auth/stale-page.ts); this only keeps the screen honest.
 */
export function SessionSync({
  rendered,
  children,
}: {
  rendered: RenderedSession;
  children: ReactNode;
}) {
  const router = useRouter();
  const renderedRef = useRef(rendered);
  renderedRef.current = rendered;
  const changedHere = useRef(false);
  /** The page held unsaved input when this tab learned of the change (it is about to clear). */
  const clearedInput = useRef(false);
  const channel = useRef<BroadcastChannel | null>(null);

  const check = useCallback(
    (options: { explained?: boolean } = {}) => {
      void fetch('/api/auth/session', { cache: 'no-store', credentials: 'same-origin' })
        .then((res) => (res.ok ? res.json() : null))
        .then((session: { claims?: ServerClaims } | null) => {
          if (sameSession(renderedRef.current, fromClaims(session?.claims))) return;
          if (options.explained) changedHere.current = true;
          clearedInput.current = hasUnsavedInput();
          router.refresh();
        })
        // Offline or the server is restarting: the next focus or broadcast checks again.
        .catch(() => {});
    },
    [router],
  );

  const announce = useCallback(() => {
    changedHere.current = true;
    channel.current?.postMessage('changed');
  }, []);

  useEffect(() => {
    const bc = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
    channel.current = bc;
    const onEvent = () => check();
    bc?.addEventListener('message', onEvent);
    const onVisible = () => {
      if (document.visibilityState === 'visible') check();
    };
    window.addEventListener('focus', onEvent);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      bc?.close();
      channel.current = null;
      window.removeEventListener('focus', onEvent);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [check]);

  // A new render with another session: say what happened, unless this tab did it itself.
  const previous = useRef(rendered);
  useEffect(() => {
    const before = previous.current;
    previous.current = rendered;
    if (sameSession(before, rendered)) return;
    if (changedHere.current) changedHere.current = false;
    else
      toast.info(changeAnnouncement(before, rendered, clearedInput.current), {
        id: 'session-changed',
      });
    clearedInput.current = false;
  }, [rendered]);

  const value = useMemo(() => ({ rendered, check, announce }), [rendered, check, announce]);
  return <SessionSyncContext.Provider value={value}>{children}</SessionSyncContext.Provider>;
}

interface ServerClaims {
  uid?: string;
  activeClinicId?: string | null;
  globalMode?: boolean;
}

function fromClaims(claims: ServerClaims | undefined) {
  return {
    userId: claims?.uid || null,
    clinicId: claims?.activeClinicId ?? null,
    globalMode: claims?.globalMode ?? false,
  };
}

export function useSessionSync(): SessionSyncValue {
  const value = useContext(SessionSyncContext);
  if (!value) throw new Error('useSessionSync needs <SessionSync> (app/layout.tsx)');
  return value;
}
