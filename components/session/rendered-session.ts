/** The session a render was made for, as the header shows it. */
export interface RenderedSession {
  userId: string | null;
  userName: string | null;
  clinicId: string | null;
  clinicName: string | null;
  globalMode: boolean;
}

type SessionKey = Pick<RenderedSession, 'userId' | 'clinicId' | 'globalMode'>;

export function sameSession(a: SessionKey, b: SessionKey): boolean {
  return a.userId === b.userId && a.clinicId === b.clinicId && a.globalMode === b.globalMode;
}

/**
 * What a tab says after another tab changed the session under it; `clearedInput` when a form on
 * the page held unsaved input, which the new render does not keep.
 */
export function changeAnnouncement(
  before: RenderedSession,
  now: RenderedSession,
  clearedInput = false,
): string {
  const what = describeChange(before, now);
  if (!clearedInput) return what;
  const where = before.clinicName ? ` for ${before.clinicName}` : '';
  return `${what} The form you were filling in${where} was cleared; nothing was saved.`;
}

function describeChange(before: RenderedSession, now: RenderedSession): string {
  if (!now.userId) return 'You were signed out in another tab.';
  if (before.userId !== now.userId) return `You signed in as ${now.userName} in another tab.`;
  if (now.globalMode !== before.globalMode)
    return now.globalMode
      ? 'You entered global mode in another tab.'
      : 'You left global mode in another tab.';
  if (now.clinicName) return `You switched to ${now.clinicName} in another tab.`;
  return 'Your clinic changed in another tab. Choose a clinic to continue.';
}
