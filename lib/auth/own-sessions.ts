/**
 * The account page's list of the user's own sessions, as the page shows them: when each began,
 * when it was last used, and which browser on which system (read from the User-Agent recorded at
 * sign-in by bowser; a User-Agent is the browser's own claim, so this is a hint, not proof).
 */
import Bowser from 'bowser';
import { listLiveSessions } from '@/db/control/sessions';
import { env } from '@/lib/env';

export interface OwnSession {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  browser: string;
  current: boolean;
}

/** "Chrome 131 on Linux", "Safari 17 on iOS", or a plain "Unknown browser". */
export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent) return 'Unknown browser';
  const { browser, os } = Bowser.parse(userAgent);
  const major = browser.version?.split('.')[0];
  const name = browser.name ? [browser.name, major].filter(Boolean).join(' ') : 'Unknown browser';
  return os.name ? `${name} on ${os.name}` : name;
}

/** The live sessions of `userId`, the current one first and marked. */
export async function loadOwnSessions(
  userId: string,
  currentSessionId: string,
): Promise<OwnSession[]> {
  const rows = await listLiveSessions(userId, Date.now(), env.SESSION_IDLE_MINUTES * 60_000);
  return rows
    .map((row) => ({
      id: row.id,
      createdAt: row.createdAt,
      lastSeenAt: row.lastSeenAt,
      browser: describeUserAgent(row.userAgent),
      current: row.id === currentSessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}
