import path from 'node:path';

export const TEST_DATA_ROOT = path.join(process.cwd(), '.data', 'test');
export const PGLITE_TEMPLATE_DIR = path.join(TEST_DATA_ROOT, 'template');
export const TEMPLATE_DB = 'clinic_test_template';

/** The maintenance connection used to create and drop per-file databases. */
export function adminUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('adminUrl needs DATABASE_URL');
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}
