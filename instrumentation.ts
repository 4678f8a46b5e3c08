/** Runs once when a server starts: production refuses to start with unsafe configuration. */
export async function register(): Promise<void> {
  // NEXT_RUNTIME is set by Next itself (documented instrumentation pattern), not configuration.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { assertProductionConfig } = await import('./lib/env');
  assertProductionConfig();
}
