import { describe, expect, it } from 'vitest';
import { assertProductionConfig, authSecret, productionConfigProblems, type Env } from './env';

const base: Env = {
  NODE_ENV: 'production',
  PGLITE_DIR: '.data/pglite',
  SESSION_IDLE_MINUTES: 30,
};

describe('production refuses unsafe configuration', () => {
  it('refuses to start without AUTH_SECRET', () => {
    expect(productionConfigProblems(base)).toEqual([expect.stringMatching(/AUTH_SECRET/)]);
    expect(() => assertProductionConfig(base)).toThrow(/Refusing to start/);
    expect(() => authSecret(base)).toThrow(/AUTH_SECRET/);
  });
  it('starts with a secret', () => {
    const ok = { ...base, AUTH_SECRET: 'x'.repeat(40) };
    expect(() => assertProductionConfig(ok)).not.toThrow();
    expect(authSecret(ok)).toBe(ok.AUTH_SECRET);
  });
  it('gives development a default secret', () => {
    expect(authSecret({ ...base, NODE_ENV: 'development' })).toMatch(/development-only/);
  });
});
