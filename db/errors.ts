/**
 * Postgres error classes the application turns into clear messages instead of a 500. Drizzle
 * wraps driver errors ("Failed query: …"), so the SQLSTATE is looked for along the cause chain;
 * both node-postgres and PGlite put it in `code`.
 */
const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';
const CHECK_VIOLATION = '23514';

interface PgErrorFields {
  code?: unknown;
  constraint?: unknown;
}

function findPgError(err: unknown, code: string): PgErrorFields | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause) {
    if (typeof e === 'object' && (e as PgErrorFields).code === code) return e as PgErrorFields;
    depth += 1;
  }
  return undefined;
}

function constraintOf(found: PgErrorFields | undefined): string | undefined {
  return typeof found?.constraint === 'string' ? found.constraint : undefined;
}

/** A unique constraint refused the write; `constraint` names it when the driver reports it. */
export function uniqueViolation(err: unknown): { constraint?: string } | undefined {
  const found = findPgError(err, UNIQUE_VIOLATION);
  return found && { constraint: constraintOf(found) };
}

/** A foreign key refused the write or delete (a row still points at the one being removed). */
export function foreignKeyViolation(err: unknown): { constraint?: string } | undefined {
  const found = findPgError(err, FOREIGN_KEY_VIOLATION);
  return found && { constraint: constraintOf(found) };
}

/** A check constraint (or a trigger raising check_violation with a constraint name) refused it. */
export function checkViolation(err: unknown): { constraint?: string } | undefined {
  const found = findPgError(err, CHECK_VIOLATION);
  return found && { constraint: constraintOf(found) };
}
