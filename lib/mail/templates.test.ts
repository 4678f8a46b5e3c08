import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MailMessage } from './message';
import { invitationMail, mfaResetNoticeMail, passwordResetMail } from './templates';

/** The markup the frame and paragraphs make; anything else in the HTML came from a value. */
const OWN_TAGS =
  /<(?:!doctype html|\/?html|\/?head|meta charset="utf-8"|\/?title|body[^>]*|\/body|\/?p|br|a href="[^"]*"|\/a)>/g;

const messages = (clinicName: string, actor: string, url: string): MailMessage[] => [
  invitationMail({
    to: 'pat@example.test',
    clinicName,
    invitedBy: actor,
    roleLabel: 'Nurse',
    acceptUrl: url,
    validMinutes: 60,
  }),
  passwordResetMail({ to: 'pat@example.test', resetUrl: url, validMinutes: 30 }),
  mfaResetNoticeMail({ to: 'pat@example.test', clinicName, resetBy: actor, signInUrl: url }),
];

describe('mail templates', () => {
  it('name the clinic and the person who acted in both parts, and list their links', () => {
    const [invite, reset, mfa] = messages('Northside', 'Ana Admin', 'https://c.test/x');
    for (const m of [invite!, mfa!]) {
      for (const part of [m.subject, m.text, m.html]) expect(part).toContain('Ana Admin');
      expect(m.text).toContain('Northside');
      expect(m.html).toContain('Northside');
    }
    expect(invite!.text).toContain('as Nurse');
    expect(invite!.text).toContain('within 1 hour');
    expect(reset!.text).toContain('within 30 minutes');
    const week = invitationMail({
      to: 'pat@example.test',
      clinicName: 'Northside',
      invitedBy: 'Ana Admin',
      roleLabel: 'Nurse',
      acceptUrl: 'https://c.test/x',
      validMinutes: 7 * 24 * 60,
    });
    expect(week.text).toContain('within 7 days');
    for (const m of [invite!, reset!, mfa!]) {
      expect(m.links).toEqual(['https://c.test/x']);
      expect(m.text).toContain('\nhttps://c.test/x\n');
    }
  });

  it('escape every value in the HTML part, whatever it holds', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (clinic, actor, url) => {
        for (const m of messages(clinic, actor, url)) {
          expect(m.html.replace(OWN_TAGS, '')).not.toMatch(/[<>]/);
          expect(m.text).toContain(url);
        }
      }),
    );
    const [invite] = messages('<b>"A&B"</b>', "O'Brien", 'https://c.test/?q="><script>');
    expect(invite!.html).toContain('&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;');
    expect(invite!.html).toContain('O&#39;Brien');
    expect(invite!.html).toContain('href="https://c.test/?q=&quot;&gt;&lt;script&gt;"');
  });
});
