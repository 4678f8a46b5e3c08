import { describe, expect, it } from 'vitest';
import { changeAnnouncement, sameSession, type RenderedSession } from './rendered-session';

const north: RenderedSession = {
  userId: 'u1',
  userName: 'Dr Nguyen',
  clinicId: 'c1',
  clinicName: 'Northside',
  globalMode: false,
};

describe('what a tab says after another tab changed the session', () => {
  it('names the new clinic, the new user, a sign-out, and global mode', () => {
    const harbor = { ...north, clinicId: 'c2', clinicName: 'Harbor' };
    expect(changeAnnouncement(north, harbor)).toBe('You switched to Harbor in another tab.');
    expect(changeAnnouncement(north, { ...north, userId: null, clinicId: null })).toBe(
      'You were signed out in another tab.',
    );
    expect(changeAnnouncement(north, { ...north, userId: 'u2', userName: 'Ms Okafor' })).toBe(
      'You signed in as Ms Okafor in another tab.',
    );
    expect(changeAnnouncement(north, { ...north, clinicId: null, globalMode: true })).toBe(
      'You entered global mode in another tab.',
    );
    expect(changeAnnouncement(north, { ...north, clinicId: null, clinicName: null })).toBe(
      'Your clinic changed in another tab. Choose a clinic to continue.',
    );
  });

  it('says when a form with unsaved input was cleared, and for which clinic', () => {
    const harbor = { ...north, clinicId: 'c2', clinicName: 'Harbor' };
    expect(changeAnnouncement(north, harbor, true)).toBe(
      'You switched to Harbor in another tab. The form you were filling in for Northside was cleared; nothing was saved.',
    );
  });

  it('treats the same user, clinic and mode as the same session, whatever the names', () => {
    const renamed: RenderedSession = { ...north, clinicName: 'Renamed' };
    expect(sameSession(north, renamed)).toBe(true);
    expect(sameSession(north, { ...north, globalMode: true })).toBe(false);
  });
});
