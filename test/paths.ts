import path from 'node:path';

/**
 * Each test run has its own id, so runs in parallel (two terminals, two developers on one
 * machine) never share or drop each other's template database or folder.
 */
export function runPaths(runId: string) {
  const root = path.join(process.cwd(), '.data', 'test', runId);
  return {
    root,
    pgliteTemplateDir: path.join(root, 'template'),
    templateDb: `clinic_test_tpl_${runId}`,
  };
}

/** The maintenance connection used to create and drop per-file databases. */
export function adminUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('adminUrl needs DATABASE_URL');
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    testRunId: string;
  }
}
