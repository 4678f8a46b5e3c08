/**
 * A real SMTP server in the test process (the `smtp-server` package): it accepts every message on
 * a random local port, parses it with `mailparser` and keeps it, so a test can send through
 * `smtp://127.0.0.1:<port>` exactly as production sends through SMTP_URL and read the result back.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  /** The envelope recipients (RCPT TO), lowercased. */
  to: string[];
  from: string;
  parsed: ParsedMail;
}

export interface SmtpCapture {
  /** An SMTP_URL that reaches this server. */
  url: string;
  messages: CapturedMail[];
  /** The first message to `address` (already here, or the next to arrive within the timeout). */
  waitFor(address: string, timeoutMs?: number): Promise<CapturedMail>;
  close(): Promise<void>;
}

interface SmtpCaptureOptions {
  /** Recipients the server refuses (550), to test a failed delivery. */
  reject?: (address: string) => boolean;
  /** A fixed port (the e2e server's SMTP_URL names one); a free one by default. */
  port?: number;
  /** Called with each accepted message (the e2e mailbox writes it to disk for the specs). */
  onMessage?: (mail: CapturedMail) => void;
}

export async function startSmtpCapture(options: SmtpCaptureOptions = {}): Promise<SmtpCapture> {
  const messages: CapturedMail[] = [];
  const waiting = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: no certificate to make, and nodemailer would not upgrade anyway.
    disabledCommands: ['STARTTLS'],
    // No reverse DNS of the connecting client: nothing to resolve on loopback, and without a
    // resolver each connection would wait for the lookup's timeout.
    disableReverseLookup: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.reject?.(address.address)) {
        callback(Object.assign(new Error('No such user here'), { responseCode: 550 }));
      } else callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          const mail = { to, from, parsed };
          messages.push(mail);
          options.onMessage?.(mail);
          for (const wake of waiting) wake();
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  const find = (address: string) => messages.find((m) => m.to.includes(address.toLowerCase()));
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor(address, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = find(address);
          if (!found) return;
          waiting.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiting.delete(check);
          reject(new Error(`no message to ${address} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.add(check);
        check();
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
