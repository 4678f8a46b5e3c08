import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { env, type Env } from '@/lib/env';
import type { MailMessage } from './message';

/** Where messages go: an SMTP server, or (development) .eml files. */
interface MailTransport {
  deliver(message: MailMessage): Promise<void>;
}

/** Development only: production refuses to start without MAIL_FROM (lib/env.ts). */
const DEVELOPMENT_FROM = 'Clinic SaaS (development) <no-reply@localhost>';

function mailOptions(message: MailMessage, from: string): nodemailer.SendMailOptions {
  const { to, subject, text, html } = message;
  return { from, to, subject, text, html };
}

/**
 * No SMTP server in development: nodemailer builds the very message it would send, and it is
 * written under MAIL_DIR for any mail client to open; its links go to the console.
 */
function emlFileTransport(dir: string, from: string): MailTransport {
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true });
  return {
    async deliver(message) {
      const built = await builder.sendMail(mailOptions(message, from));
      await fs.mkdir(dir, { recursive: true });
      const stamp = new Date().toISOString().replaceAll(':', '-');
      const file = path.join(dir, `${stamp}-${message.kind}-${randomUUID().slice(0, 8)}.eml`);
      await fs.writeFile(file, built.message);
      const links = message.links.map((url) => `\n  link: ${url}`).join('');
      console.info(`[mail] ${message.kind} to ${message.to} written to ${file}${links}`);
    },
  };
}

/** SMTP when SMTP_URL is set; otherwise .eml files (production refuses to start without it). */
export function createMailTransport(e: Env): MailTransport {
  const from = e.MAIL_FROM ?? DEVELOPMENT_FROM;
  if (!e.SMTP_URL) return emlFileTransport(e.MAIL_DIR, from);
  const smtp = nodemailer.createTransport(e.SMTP_URL);
  return {
    async deliver(message) {
      await smtp.sendMail(mailOptions(message, from));
    },
  };
}

// Per process, and safe so (docs/scaling.md): a connection to the SMTP server, no queue of its own.
const holder = globalThis as unknown as { __clinicMail?: MailTransport };

/** The configured transport, made once per process. */
export function getMailTransport(): MailTransport {
  holder.__clinicMail ??= createMailTransport(env);
  return holder.__clinicMail;
}

/** Tests point the process at a transport of their own (an in-process SMTP server). */
export function setMailTransport(transport: MailTransport | undefined): void {
  holder.__clinicMail = transport;
}
