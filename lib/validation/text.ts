/**
 * The one schema primitive for text that a user sends: form fields, search and query parameters,
 * sign-in fields, settings. Every schema that takes user text starts from `text()` (or
 * `multilineText()` for a textarea); ESLint refuses a bare `z.string()` elsewhere.
 *
 * Why refuse control characters: Postgres rejects a NUL byte in text (SQLSTATE 22021, which
 * surfaced as a 500), and the other control characters (escape sequences, backspace, form feed,
 * C1 controls) have no place in a name, a search or a setting; they corrupt CSV files, logs and
 * terminals. Nobody types them: they arrive only from scripts or pasted binary.
 *
 * Plain zod with no server imports, so forms validate with the same schema as the server.
 */
import { z } from 'zod';

// zod compiles object parsers with `new Function` after probing for it; in the browser the probe
// is a Content-Security-Policy violation (scripts may not eval). Every schema that runs in the
// browser takes its text fields from here, so this module sets the switch before any of them.
if (typeof window !== 'undefined') z.config({ jitless: true });

export const CONTROL_CHARACTER_MESSAGE =
  'Remove the control characters (such as NUL, tab or line breaks) from this text';
export const MULTILINE_CONTROL_CHARACTER_MESSAGE =
  'Remove the control characters (such as NUL or escape) from this text';

/** Any control character (Unicode Cc: C0, DEL and C1). */
const CONTROL = /\p{Cc}/u;
/** The same, except tab, line feed and carriage return, which a textarea legitimately holds. */
const CONTROL_EXCEPT_LINES = /(?![\t\n\r])\p{Cc}/u;

type StringParams = Parameters<typeof z.string>[0];

/** A single line of user text: no control characters at all. Chain trim/min/max as usual. */
export function text(params?: StringParams) {
  return z.string(params).refine((v) => !CONTROL.test(v), CONTROL_CHARACTER_MESSAGE);
}

/** Text from a textarea: line breaks and tabs are allowed, other control characters are not. */
export function multilineText(params?: StringParams) {
  return z
    .string(params)
    .refine((v) => !CONTROL_EXCEPT_LINES.test(v), MULTILINE_CONTROL_CHARACTER_MESSAGE);
}
