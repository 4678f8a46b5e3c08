import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const SOURCE = `import { z } from 'zod';
export const a = z.object({ name: z.string().min(1), n: z.coerce.string() });
`;

/** The lint rule that keeps every schema on the text() primitive, run on a probe file. */
async function bareStringErrors(filePath: string): Promise<number> {
  const [result] = await new ESLint({ cwd: process.cwd() }).lintText(SOURCE, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').length;
}

describe('ESLint: user text goes through text()', () => {
  it('refuses z.string() and z.coerce.string() in app and library code', async () => {
    expect(await bareStringErrors('lib/patients/probe.ts')).toBe(2);
    expect(await bareStringErrors('app/(clinic)/probe/page.tsx')).toBe(2);
  });

  it('allows them where strings are not user text: the environment and tests', async () => {
    expect(await bareStringErrors('lib/env.ts')).toBe(0);
    expect(await bareStringErrors('lib/patients/probe.test.ts')).toBe(0);
  });
});
