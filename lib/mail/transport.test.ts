import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readEnv } from '@/lib/env';
import { passwordResetMail } from './templates';
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
});
