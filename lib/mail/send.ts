import type { MailKind, MailMessage } from './message';
import { getMailTransport } from './transport';

/**
 * The audit row of a send: the kind of message and its recipient (a staff address), never the
 * body or its links (they carry tokens). Fits both recordAudit and recordSystemEvent.
 */
interface MailAuditEntry {
  action: 'mail.sent';
  outcome: 'success';
  metadata: { kind: MailKind; to: string };
}

/** Writes the audit row through the caller's handle: its transaction, where it has one. */
type RecordMailAudit = (entry: MailAuditEntry) => Promise<void>;

/**
 * Sends one message, audited. The row is written first and the message goes last: a delivery that
 * fails throws, so the caller's transaction rolls back with its audit row (and whatever the
 * message was about, e.g. the invitation it announces). A message never leaves unaudited. Call it
 * as the last step of the transaction, so that only a failed COMMIT can leave a sent message
 * without its row.
 */
export async function sendMail(message: MailMessage, record: RecordMailAudit): Promise<void> {
  await record({
    action: 'mail.sent',
    outcome: 'success',
    metadata: { kind: message.kind, to: message.to },
  });
  await getMailTransport().deliver(message);
}

/**
 * True when the mail server refused the recipient (SMTP 5xx to RCPT TO: nodemailer's EENVELOPE),
 * e.g. an address zod accepts but the server does not (`a@a-.a.aa`). The caller's transaction has
 * rolled back; it can say so next to the address field instead of failing with an error page.
 */
export function recipientRefused(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause) {
    if (typeof e === 'object' && (e as { code?: unknown }).code === 'EENVELOPE') return true;
    depth += 1;
  }
  return false;
}
