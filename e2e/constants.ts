/** Shared by playwright.config.ts and the specs; no Playwright imports so the config can load it. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
/**
 * `localhost`, not `127.0.0.1`: Next's NextURL rewrites loopback IPs to `localhost`, so every
 * middleware redirect would leave a 127.0.0.1 origin (and its session cookie) behind. The server
 * still listens on 127.0.0.1 only (e2e/serve.sh).
 */
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
/** A fixed, test-only signing secret (the e2e server is throwaway; never use it elsewhere). */
export const E2E_AUTH_SECRET = 'e2e-only-auth-secret-not-for-any-real-deployment-0001';
/** The SMTP capture the e2e server sends to (e2e/global-setup.ts), next to its own port. */
export const E2E_SMTP_PORT = E2E_PORT + 1000;
/** Where the capture writes each delivered message as JSON, for the specs (e2e/mailbox.ts). */
export const E2E_MAILBOX_DIR = `.data/e2e-mail-${E2E_PORT}`;
/**
 * playwright.instances.config.ts: two `next start` of one build (A on INSTANCES_PORT, B on the
 * next port) on one database and one storage directory. Both name A as the public origin, as
 * instances behind one load balancer name that balancer's.
 */
const INSTANCE_A_PORT = Number(process.env.INSTANCES_PORT ?? 3201);
export const INSTANCE_URLS = [
  `http://localhost:${INSTANCE_A_PORT}`,
  `http://localhost:${INSTANCE_A_PORT + 1}`,
] as const;
/** Nothing listens there: production needs an SMTP_URL, and these tests send no mail. */
export const INSTANCES_SMTP_URL = `smtp://127.0.0.1:${INSTANCE_A_PORT + 2}`;
