import { describe, expect, it } from 'vitest';
import {
  assertProductionConfig,
  authSecret,
  jobsMode,
  productionConfigProblems,
  readEnv,
  type Env,
} from './env';

/** Production with nothing set: the schema's defaults, so a new default needs no edit here. */
const base: Env = readEnv({ NODE_ENV: 'production' });
/** A production mail setup, so that each test below sees only the problem it is about. */
const mail = {
  SMTP_URL: 'smtps://app:secret@smtp.example.com:465',
  MAIL_FROM: 'Clinic <no-reply@clinic.example.com>',
};
/** A production configuration that starts. */
const safe: Env = {
  ...base,
  ...mail,
  AUTH_SECRET: 'x'.repeat(40),
  AUTH_URL: 'https://clinic.example.com',
  JOBS_DRIVER: 'inline',
};

describe('production refuses unsafe configuration', () => {
  it('refuses to start without AUTH_SECRET', () => {
    expect(productionConfigProblems(base)).toContainEqual(expect.stringMatching(/AUTH_SECRET/));
    expect(() => assertProductionConfig(base)).toThrow(/Refusing to start/);
    expect(() => authSecret(base)).toThrow(/AUTH_SECRET/);
  });
  it('refuses to start without AUTH_URL (redirects and origin checks would trust Host)', () => {
    const noUrl = { ...safe, AUTH_URL: undefined };
    expect(productionConfigProblems(noUrl)).toEqual([expect.stringMatching(/AUTH_URL/)]);
    expect(productionConfigProblems({ ...noUrl, NODE_ENV: 'development' })).toEqual([]);
  });
  it('starts with a secret, the public origin, a job runner and mail', () => {
    expect(() => assertProductionConfig(safe)).not.toThrow();
    expect(authSecret(safe)).toBe(safe.AUTH_SECRET);
  });
  it('gives development a default secret', () => {
    expect(authSecret({ ...base, NODE_ENV: 'development' })).toMatch(/development-only/);
  });
});

describe('production refuses unsafe job configuration', () => {
  const ok = { ...safe, JOBS_DRIVER: undefined };
  it('refuses to start with no job runner configured', () => {
    expect(productionConfigProblems(ok)).toEqual([expect.stringMatching(/No job runner/)]);
  });
  it('accepts Inngest keys', () => {
    const keys = { ...ok, INNGEST_EVENT_KEY: 'e', INNGEST_SIGNING_KEY: 's' };
    expect(productionConfigProblems(keys)).toEqual([]);
    expect(jobsMode(keys)).toBe('inngest-cloud');
  });
  it('accepts an explicit single-machine inline driver', () => {
    const inline = { ...ok, JOBS_DRIVER: 'inline' as const };
    expect(productionConfigProblems(inline)).toEqual([]);
    expect(jobsMode(inline)).toBe('inline');
  });
  it('always refuses Inngest dev mode', () => {
    const dev = { ...ok, JOBS_DRIVER: 'inline' as const, INNGEST_DEV: '1' };
    expect(productionConfigProblems(dev)).toEqual([expect.stringMatching(/dev mode/)]);
  });
  it('falls back to in-process jobs in development without Inngest', () => {
    expect(jobsMode({ ...base, NODE_ENV: 'development' })).toBe('inline');
    expect(jobsMode({ ...base, NODE_ENV: 'development', INNGEST_DEV: '1' })).toBe('inngest-dev');
  });
});

describe('production refuses to start without mail', () => {
  it('names SMTP_URL when it is missing', () => {
    const noSmtp = { ...safe, SMTP_URL: undefined };
    expect(productionConfigProblems(noSmtp)).toEqual([
      expect.stringMatching(/^SMTP_URL is not set/),
    ]);
    expect(() => assertProductionConfig(noSmtp)).toThrow(/Refusing to start[\s\S]*SMTP_URL/);
  });
  it('names MAIL_FROM when it is missing', () => {
    expect(productionConfigProblems({ ...safe, MAIL_FROM: undefined })).toEqual([
      expect.stringMatching(/^MAIL_FROM is not set/),
    ]);
  });
  it('needs neither in development (messages go to .eml files)', () => {
    const dev = { ...base, NODE_ENV: 'development' as const };
    expect(productionConfigProblems(dev)).toEqual([]);
    expect(readEnv({}).MAIL_DIR).toBe('.data/mail');
  });
  it('accepts smtp:// and smtps:// URLs only', () => {
    expect(readEnv({ SMTP_URL: 'smtp://127.0.0.1:2525' }).SMTP_URL).toBe('smtp://127.0.0.1:2525');
    expect(() => readEnv({ SMTP_URL: 'https://smtp.example.com' })).toThrow(/SMTP_URL/);
    expect(() => readEnv({ SMTP_URL: 'smtp.example.com' })).toThrow(/SMTP_URL/);
  });
});

describe('the public origin and proxy trust are validated at start', () => {
  it.each(['https://clinic.example.com', 'http://127.0.0.1:3000', 'https://clinic.example.com/'])(
    'accepts the origin %s',
    (url) => {
      expect(readEnv({ AUTH_URL: url }).AUTH_URL).toBe(url);
    },
  );
  it.each([
    ['a path', 'https://clinic.example.com/app'],
    ['a query', 'https://clinic.example.com/?a=1'],
    ['another scheme', 'ftp://clinic.example.com'],
    ['no URL at all', 'clinic.example.com'],
  ])('refuses AUTH_URL with %s', (_what, url) => {
    expect(() => readEnv({ AUTH_URL: url })).toThrow(/AUTH_URL/);
  });
  it('reads TRUST_PROXY as a boolean and refuses anything else', () => {
    expect(readEnv({}).TRUST_PROXY).toBeUndefined();
    expect(readEnv({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(true);
    expect(readEnv({ TRUST_PROXY: '0' }).TRUST_PROXY).toBe(false);
    expect(() => readEnv({ TRUST_PROXY: 'maybe' })).toThrow(/TRUST_PROXY/);
  });
});

describe('production with several instances refuses what lives on one machine', () => {
  const pg = { DATABASE_URL: 'postgres://app@db.example.com/clinic' };
  const cloud = { JOBS_DRIVER: undefined, INNGEST_EVENT_KEY: 'e', INNGEST_SIGNING_KEY: 's' };
  const shared: Env = {
    ...safe,
    ...pg,
    ...cloud,
    APP_INSTANCES: 3,
    STORAGE_DRIVER: 'uploadthing',
    UPLOADTHING_TOKEN: 't',
  };
  it('starts on Postgres, UploadThing and Inngest', () => {
    expect(productionConfigProblems(shared)).toEqual([]);
  });
  it('reads APP_INSTANCES as a count of at least 1, 1 by default', () => {
    expect(readEnv({}).APP_INSTANCES).toBe(1);
    expect(readEnv({ APP_INSTANCES: '4' }).APP_INSTANCES).toBe(4);
    for (const bad of ['0', '-1', '1.5', 'many']) {
      expect(() => readEnv({ APP_INSTANCES: bad })).toThrow(/APP_INSTANCES/);
    }
  });
  it('refuses the embedded database, naming DATABASE_URL', () => {
    expect(productionConfigProblems({ ...shared, DATABASE_URL: undefined })).toEqual([
      expect.stringMatching(/^APP_INSTANCES=3 without DATABASE_URL/),
    ]);
  });
  it('refuses local disk unless STORAGE_DIR is declared shared', () => {
    const local = { ...shared, STORAGE_DRIVER: undefined, UPLOADTHING_TOKEN: undefined };
    expect(productionConfigProblems(local)).toEqual([
      expect.stringMatching(
        /files on local disk.*STORAGE_DRIVER=uploadthing.*STORAGE_DIR_SHARED=1/,
      ),
    ]);
    expect(productionConfigProblems({ ...local, STORAGE_DIR_SHARED: true })).toEqual([]);
    expect(productionConfigProblems({ ...local, STORAGE_DIR_SHARED: false })).toHaveLength(1);
  });
  it('refuses inline jobs unless ALLOW_INLINE_JOBS is set', () => {
    const inline = { ...shared, JOBS_DRIVER: 'inline' as const };
    expect(productionConfigProblems(inline)).toEqual([
      expect.stringMatching(/JOBS_DRIVER=inline.*INNGEST_EVENT_KEY.*ALLOW_INLINE_JOBS=1/),
    ]);
    expect(productionConfigProblems({ ...inline, ALLOW_INLINE_JOBS: true })).toEqual([]);
  });
  it('lists every problem at once and names the instance count', () => {
    const all = { ...safe, APP_INSTANCES: 2 };
    expect(productionConfigProblems(all)).toHaveLength(3);
    expect(() => assertProductionConfig(all)).toThrow(
      /Refusing to start[\s\S]*APP_INSTANCES=2 without DATABASE_URL[\s\S]*APP_INSTANCES=2 with files[\s\S]*APP_INSTANCES=2 with JOBS_DRIVER=inline/,
    );
  });
  it('asks nothing of one instance, or of development', () => {
    expect(productionConfigProblems({ ...safe, APP_INSTANCES: 1 })).toEqual([]);
    expect(
      productionConfigProblems({ ...base, NODE_ENV: 'development', APP_INSTANCES: 4 }),
    ).toEqual([]);
  });
});
