import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readEnv } from '@/lib/env';
import { invitationMail, passwordResetMail } from './templates';
import { createMailTransport } from './transport';

describe('development without SMTP_URL', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes each message as an .eml file under MAIL_DIR and prints its links', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mail-'));
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const transport = createMailTransport(readEnv({ MAIL_DIR: path.join(dir, 'mail') }));
    const message = passwordResetMail({
      to: 'pat@example.test',
      resetUrl: 'http://localhost:3000/reset/token-1',
      validMinutes: 30,
    });
    await transport.deliver(message);
    await transport.deliver(message);

    const files = await fs.readdir(path.join(dir, 'mail'));
    expect(files).toHaveLength(2);
    expect(files.every((f) => /^[\dT-]+\.\d{3}Z-password_reset-[0-9a-f]{8}\.eml$/.test(f))).toBe(
      true,
    );
    const parsed = await simpleParser(await fs.readFile(path.join(dir, 'mail', files[0]!)));
    expect(parsed.to).toMatchObject({ text: 'pat@example.test' });
    expect(parsed.from?.value[0]?.address).toBe('no-reply@localhost');
    expect(parsed.subject).toBe('Reset your password');
    expect(parsed.text).toContain('within 30 minutes');
    expect(parsed.html).toContain('href="http://localhost:3000/reset/token-1"');

    const printed = String(info.mock.calls[0]?.[0]);
    expect(printed).toContain('password_reset to pat@example.test');
    expect(printed).toContain('link: http://localhost:3000/reset/token-1');
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('keeps a name with line breaks inside the subject: no header can be smuggled in', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mail-'));
    vi.spyOn(console, 'info').mockImplementation(() => {});
    const transport = createMailTransport(readEnv({ MAIL_DIR: dir }));
    await transport.deliver(
      invitationMail({
        to: 'pat@example.test',
        clinicName: 'North\r\nBcc: eve@example.test',
        invitedBy: 'Ana\nX-Evil: 1',
        roleLabel: 'Nurse',
        acceptUrl: 'http://localhost:3000/invite/1',
        validMinutes: 60,
      }),
    );
    const [file] = await fs.readdir(dir);
    const parsed = await simpleParser(await fs.readFile(path.join(dir, file!)));
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.headers.has('x-evil')).toBe(false);
    expect(parsed.subject).toBe('Ana X-Evil: 1 invited you to North Bcc: eve@example.test');
    await fs.rm(dir, { recursive: true, force: true });
  });
});
