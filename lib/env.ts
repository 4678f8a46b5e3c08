import { z } from 'zod';

/**
 * The only reader of process.env. Values are validated once; production refuses unsafe
 * configuration at start (instrumentation.ts calls assertProductionConfig).
 */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** Postgres connection string. Absent: the embedded PGlite database under PGLITE_DIR. */
  DATABASE_URL: z.url().optional(),
  PGLITE_DIR: z.string().min(1).default('.data/pglite'),
  AUTH_SECRET: z
    .string()
    .min(32, 'use at least 32 characters (openssl rand -base64 33)')
    .optional(),
  /**
   * The app's public origin, e.g. https://clinic.example.com (next-auth reads it too). Redirects
   * and the same-site check of writes name this host. Required in production.
   */
  AUTH_URL: z
    .url({
      protocol: /^https?$/,
      error: 'use an http(s) URL such as https://clinic.example.com',
      abort: true,
    })
    .refine((u) => new URL(u).href === `${new URL(u).origin}/`, 'use the origin only, no path')
    .optional(),
  /**
   * 1 only behind a reverse proxy you run that sets X-Forwarded-Host itself: then the same-site
   * check compares with that header. Otherwise a client could send it to pass any Origin.
   */
  TRUST_PROXY: z.stringbool().optional(),
  /** Staff are signed out after this many minutes without a request (not counting polling). */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  /** The port `next dev` / `next start` listen on (Next reads it itself); used in printed URLs. */
  PORT: z.coerce.number().int().positive().optional(),
  /** Background jobs: Inngest (keys or dev server) or in-process after the response. */
  JOBS_DRIVER: z.enum(['inngest', 'inline']).optional(),
  INNGEST_EVENT_KEY: z.string().min(1).optional(),
  INNGEST_SIGNING_KEY: z.string().min(1).optional(),
  /** Set (to 1 or a URL) when an Inngest dev server is running: never allowed in production. */
  INNGEST_DEV: z.string().min(1).optional(),
  /** Files: the local disk (default) or UploadThing when a token is set. */
  STORAGE_DRIVER: z.enum(['local', 'uploadthing']).optional(),
  STORAGE_DIR: z.string().min(1).default('.data/storage'),
  UPLOADTHING_TOKEN: z.string().min(1).optional(),
  /**
   * E-mail goes to this SMTP server (smtp:// or smtps://, credentials in the URL). Absent
   * (development only): each message is written to MAIL_DIR as an .eml file instead.
   */
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: 'use smtp:// or smtps://user:password@host:port' })
    .optional(),
  /** The From of every message, e.g. "Clinic <no-reply@clinic.example.com>". */
  MAIL_FROM: z.string().trim().min(3).optional(),
  MAIL_DIR: z.string().min(1).default('.data/mail'),
  /**
   * How many app instances serve this deployment at once (at most, when it autoscales). Above 1,
   * production refuses whatever lives on one machine: PGlite, files on a disk of its own, and
   * in-process jobs unless allowed below (docs/scaling.md).
   */
  APP_INSTANCES: z.coerce.number().int().min(1).default(1),
  /** 1 when STORAGE_DIR is one volume that every instance mounts (NFS, EFS, …). */
  STORAGE_DIR_SHARED: z.stringbool().optional(),
  /**
   * 1 to run jobs in-process on several instances anyway: each runs once on the instance that
   * was asked, with no retry, no schedule and no per-clinic limit across instances.
   */
  ALLOW_INLINE_JOBS: z.stringbool().optional(),
});

export type Env = z.infer<typeof envSchema>;

/** Validates an environment (process.env at start); throws with every problem listed. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}

export const env = readEnv();

/** What production would be unsafe without. Empty outside production. */
export function productionConfigProblems(e: Env = env): string[] {
  if (e.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (!e.AUTH_SECRET) problems.push('AUTH_SECRET is not set (sessions would be forgeable).');
  if (!e.AUTH_URL) {
    problems.push(
      'AUTH_URL is not set: redirects and the same-site check would trust the Host header. Set it to the public origin.',
    );
  }
  if (e.INNGEST_DEV)
    problems.push('INNGEST_DEV is set: Inngest dev mode is never allowed in production.');
  const inngestKeys = Boolean(e.INNGEST_EVENT_KEY && e.INNGEST_SIGNING_KEY);
  if (e.JOBS_DRIVER === 'inngest' && !inngestKeys) {
    problems.push('JOBS_DRIVER=inngest needs INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY.');
  }
  if (!e.JOBS_DRIVER && !inngestKeys) {
    problems.push(
      'No job runner: set INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY, or JOBS_DRIVER=inline for a single-machine deployment.',
    );
  }
  if (e.STORAGE_DRIVER === 'uploadthing' && !e.UPLOADTHING_TOKEN) {
    problems.push('STORAGE_DRIVER=uploadthing needs UPLOADTHING_TOKEN.');
  }
  // Mail is always needed: invitations and password resets are how people get in at all, so no
  // production deployment can do without it (and no feature flag could turn it off honestly).
  if (!e.SMTP_URL) {
    problems.push(
      'SMTP_URL is not set: invitations and password resets are sent by e-mail. Set it to your SMTP server, e.g. smtps://user:password@smtp.example.com:465.',
    );
  }
  if (!e.MAIL_FROM) {
    problems.push(
      'MAIL_FROM is not set: give the sender of every e-mail, e.g. "Clinic <no-reply@clinic.example.com>".',
    );
  }
  return [...problems, ...instanceProblems(e)];
}

/**
 * What several instances cannot share: each would see its own embedded database, its own files,
 * or run jobs that no other instance knows of. Local disk and inline jobs pass when declared.
 */
function instanceProblems(e: Env): string[] {
  if (e.APP_INSTANCES === 1) return [];
  const several = `APP_INSTANCES=${e.APP_INSTANCES}`;
  const problems: string[] = [];
  if (!e.DATABASE_URL) {
    problems.push(
      `${several} without DATABASE_URL: the embedded database belongs to one process. Set DATABASE_URL to a Postgres server.`,
    );
  }
  if (e.STORAGE_DRIVER !== 'uploadthing' && !e.STORAGE_DIR_SHARED) {
    problems.push(
      `${several} with files on local disk: each instance would see only its own. Set STORAGE_DRIVER=uploadthing and UPLOADTHING_TOKEN, or STORAGE_DIR_SHARED=1 if STORAGE_DIR is one volume every instance mounts.`,
    );
  }
  if (jobsMode(e) === 'inline' && !e.ALLOW_INLINE_JOBS) {
    problems.push(
      `${several} with JOBS_DRIVER=inline: jobs would run once on whichever instance was asked, with no retry and no per-clinic limit. Set INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY, or ALLOW_INLINE_JOBS=1 to accept that.`,
    );
  }
  return problems;
}

export function assertProductionConfig(e: Env = env): void {
  const problems = productionConfigProblems(e);
  if (problems.length > 0) {
    throw new Error(`Refusing to start in production:\n  - ${problems.join('\n  - ')}`);
  }
}

const DEV_AUTH_SECRET = 'development-only-secret-never-use-in-production-0000';
// Per process, and safe so (docs/scaling.md): a development warning printed once per process.
let warnedDevSecret = false;

/** The session-signing secret. Development gets a loudly logged default; production refuses. */
export function authSecret(e: Env = env): string {
  if (e.AUTH_SECRET) return e.AUTH_SECRET;
  if (e.NODE_ENV === 'production') throw new Error('AUTH_SECRET is required in production.');
  if (!warnedDevSecret) {
    warnedDevSecret = true;
    console.warn('[auth] AUTH_SECRET is not set: using the built-in DEVELOPMENT secret.');
  }
  return DEV_AUTH_SECRET;
}

export type JobsMode = 'inngest-cloud' | 'inngest-dev' | 'inline';

/**
 * Where background jobs run. Keys mean Inngest Cloud; INNGEST_DEV means a local dev server;
 * otherwise the same functions run in-process after the response (development, or a production
 * single machine that chose JOBS_DRIVER=inline explicitly — assertProductionConfig enforces that).
 */
export function jobsMode(e: Env = env): JobsMode {
  if (e.JOBS_DRIVER === 'inline') return 'inline';
  if (e.INNGEST_EVENT_KEY && e.INNGEST_SIGNING_KEY) return 'inngest-cloud';
  if (e.INNGEST_DEV) return 'inngest-dev';
  return 'inline';
}
