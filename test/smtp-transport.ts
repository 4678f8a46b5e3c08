/**
 * For a test file whose code sends mail: the process's transport points at a real SMTP server
 * in-process (test/smtp-capture.ts) for the file's tests, as production points at SMTP_URL.
 * Apart from smtp-capture.ts, which the Playwright setup imports and which must not need Vitest.
 */
import { afterAll, beforeAll } from 'vitest';
import { readEnv } from '@/lib/env';
import { createMailTransport, setMailTransport } from '@/lib/mail/transport';
import { startSmtpCapture, type SmtpCapture } from './smtp-capture';

export function useSmtpCapture(): () => SmtpCapture {
  let smtp: SmtpCapture | undefined;
  beforeAll(async () => {
    smtp = await startSmtpCapture();
    setMailTransport(createMailTransport(readEnv({ SMTP_URL: smtp.url })));
  });
  afterAll(async () => {
    setMailTransport(undefined);
    await smtp?.close();
  });
  return () => {
    if (!smtp) throw new Error('the SMTP capture starts in beforeAll');
    return smtp;
  };
}
