import { customType } from 'drizzle-orm/pg-core';

/**
 * A jsonb column whose value may be a bare JSON string (setting values). drizzle's own `jsonb()`
 * JSON.parses a string it reads, but node-postgres and PGlite hand it an already-parsed value:
 * the text "2024" came back as the number 2024 and "true" as `true`, and every settings read of
 * that clinic then threw (found by test/endpoint-fuzz.int.test.ts). Written as JSON text, read as
 * the driver parsed it. The columns that only ever hold objects keep `jsonb()`: an object is not
 * parsed twice.
 */
export const jsonValue = customType<{ data: unknown; driverData: unknown }>({
  dataType: () => 'jsonb',
  toDriver: (value) => JSON.stringify(value),
  fromDriver: (value) => value,
});
