import fs from 'node:fs';
import path from 'node:path';
import { startSmtpCapture } from '../test/smtp-capture';
import { E2E_MAILBOX_DIR, E2E_SMTP_PORT } from './constants';
import type { MailboxEntry } from './mailbox';

/**
 * Runs a real SMTP server (test/smtp-capture.ts) for the whole run, on the port the e2e server's
 * SMTP_URL names. Specs run in other processes, so each delivered message is written to
 * E2E_MAILBOX_DIR as JSON, where e2e/mailbox.ts finds it. Returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  fs.rmSync(E2E_MAILBOX_DIR, { recursive: true, force: true });
  fs.mkdirSync(E2E_MAILBOX_DIR, { recursive: true });
  let seq = 0;
  const capture = await startSmtpCapture({
    port: E2E_SMTP_PORT,
    onMessage: ({ to, from, parsed }) => {
      const entry: MailboxEntry = {
        to,
        from,
        subject: parsed.subject ?? '',
        text: parsed.text ?? '',
        html: typeof parsed.html === 'string' ? parsed.html : '',
        receivedAt: Date.now(),
      };
      const file = path.join(E2E_MAILBOX_DIR, `${Date.now()}-${seq++}.json`);
      // Written whole, then renamed: a polling spec never reads half a message.
      fs.writeFileSync(`${file}.tmp`, JSON.stringify(entry));
      fs.renameSync(`${file}.tmp`, file);
    },
  });
  return () => capture.close();
}
