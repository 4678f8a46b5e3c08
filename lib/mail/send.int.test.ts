/**
 * Sending through a real SMTP server (in-process, test/smtp-capture.ts) as production does through
 * SMTP_URL, and the audit row written in the caller's transaction, or rolled back with it.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb, type Database } from '@/db/client';
import { recordSystemEvent } from '@/db/control/audit';
import { createClinic } from '@/db/control/clinics';
import { auditEvents, systemAuditEvents, users } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { recordAudit } from '@/lib/audit/record';
import { readEnv } from '@/lib/env';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { SYSTEM_ACTOR } from '@/test/fixtures';
import { startSmtpCapture, type SmtpCapture } from '@/test/smtp-capture';
import { sendMail } from './send';
import { invitationMail, mfaResetNoticeMail } from './templates';
import { createMailTransport, setMailTransport } from './transport';

const db = useTestDatabase();
const MAIL_FROM = 'Clinic <no-reply@clinic.example.test>';
const REFUSED = 'nobody@clinic.example.test';
let smtp: SmtpCapture;

beforeAll(async () => {
  smtp = await startSmtpCapture({ reject: (address) => address === REFUSED });
  setMailTransport(createMailTransport(readEnv({ SMTP_URL: smtp.url, MAIL_FROM })));
});
afterAll(async () => {
  setMailTransport(undefined);
  await smtp.close();
});
beforeEach(async () => {
  await resetDatabase(db.handle());
  smtp.messages.length = 0;
});

const invitation = (to: string) =>
  invitationMail({
    to,
    clinicName: 'Northside <Family> Clinic',
    invitedBy: 'Ana Admin',
    roleLabel: 'Receptionist',
    acceptUrl: 'https://clinic.example.test/invite/abc?x=1&y=2',
    validMinutes: 48 * 60,
  });

const mailAudits = () =>
  getDb().db.select().from(systemAuditEvents).where(eq(systemAuditEvents.action, 'mail.sent'));

describe('sending through SMTP_URL', () => {
  it('delivers text and HTML from MAIL_FROM, and audits the kind and recipient', async () => {
    await getDb().db.transaction(async (tx) => {
      await sendMail(invitation('pat@example.test'), (entry) =>
        recordSystemEvent(SYSTEM_ACTOR, entry, tx as unknown as Database),
      );
    });
    const mail = await smtp.waitFor('pat@example.test');
    expect(mail.from).toBe('no-reply@clinic.example.test');
    expect(mail.parsed.from?.value).toEqual([
      { address: 'no-reply@clinic.example.test', name: 'Clinic' },
    ]);
    expect(mail.parsed.subject).toBe('Ana Admin invited you to Northside <Family> Clinic');
    expect(mail.parsed.text).toContain('Ana Admin invited you to join Northside <Family> Clinic');
    expect(mail.parsed.text).toContain('https://clinic.example.test/invite/abc?x=1&y=2');
    expect(mail.parsed.html).toContain('Northside &lt;Family&gt; Clinic');
    expect(mail.parsed.html).toContain('href="https://clinic.example.test/invite/abc?x=1&amp;y=2"');
    expect(mail.parsed.html).not.toContain('<Family>');

    const rows = await mailAudits();
    expect(rows.map((r) => ({ outcome: r.outcome, metadata: r.metadata }))).toEqual([
      { outcome: 'success', metadata: { kind: 'invitation', to: 'pat@example.test' } },
    ]);
  });

  it('rolls the caller’s change and the audit row back when delivery fails', async () => {
    const attempt = getDb().db.transaction(async (tx) => {
      const handle = tx as unknown as Database;
      await handle.insert(users).values({ email: REFUSED, name: 'No One', passwordHash: 'x' });
      await sendMail(invitation(REFUSED), (entry) =>
        recordSystemEvent(SYSTEM_ACTOR, entry, handle),
      );
    });
    await expect(attempt).rejects.toThrow();
    expect(await mailAudits()).toEqual([]);
    expect(await getDb().db.select().from(users).where(eq(users.email, REFUSED))).toEqual([]);
    expect(smtp.messages).toEqual([]);
  });

  it('audits in the clinic’s own trail from a tenant transaction', async () => {
    const clinic = await createClinic(SYSTEM_ACTOR, {
      name: 'Harbor',
      slug: 'harbor-mail',
      timezone: 'UTC',
    });
    const notice = mfaResetNoticeMail({
      to: 'nurse@example.test',
      clinicName: 'Harbor',
      resetBy: 'Hana Admin',
      signInUrl: 'https://clinic.example.test/login',
    });
    await tenantDb(clinic.id).transaction((t) =>
      sendMail(notice, (entry) => recordAudit(t, SYSTEM_ACTOR, entry)),
    );
    const mail = await smtp.waitFor('NURSE@example.test');
    expect(mail.parsed.text).toContain('Hana Admin (Harbor) reset the two-step sign-in');
    const rows = await tenantDb(clinic.id).list(auditEvents, {
      where: eq(auditEvents.action, 'mail.sent'),
      limit: 10,
    });
    expect(rows.map((r) => r.metadata)).toEqual([
      { kind: 'mfa_reset_notice', to: 'nurse@example.test' },
    ]);
  });
});
