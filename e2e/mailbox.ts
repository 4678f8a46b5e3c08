import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import { E2E_MAILBOX_DIR } from './constants';

/** A message the e2e SMTP capture received (e2e/global-setup.ts). */
export interface MailboxEntry {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  receivedAt: number;
}

function messagesTo(address: string): MailboxEntry[] {
  const wanted = address.toLowerCase();
  return fs
    .readdirSync(E2E_MAILBOX_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(E2E_MAILBOX_DIR, f), 'utf8')) as MailboxEntry)
    .filter((m) => m.to.includes(wanted));
}

/**
 * The newest message to `address` received after `since` (ms), waiting for it to arrive. Use an
 * address no other test writes to, and pass `since` when one test receives several messages.
 */
export async function waitForMail(
  address: string,
  { since = 0, timeout = 15_000 }: { since?: number; timeout?: number } = {},
): Promise<MailboxEntry> {
  let found: MailboxEntry | undefined;
  await expect
    .poll(
      () => {
        found = messagesTo(address)
          .filter((m) => m.receivedAt >= since)
          .at(-1);
        return Boolean(found);
      },
      { timeout, message: `an e-mail to ${address}` },
    )
    .toBe(true);
  return found!;
}

/** The first link in the message's text part whose path starts with `pathPrefix`. */
export function linkIn(mail: MailboxEntry, pathPrefix: string): string {
  const link = mail.text
    .match(/https?:\/\/\S+/g)
    ?.find((url) => new URL(url).pathname.startsWith(pathPrefix));
  if (!link)
    throw new Error(`no ${pathPrefix} link in the e-mail "${mail.subject}":\n${mail.text}`);
  return link;
}
