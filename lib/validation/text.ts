/**
 * The one schema primitive for text that a user sends: form fields, search and query parameters,
 * sign-in fields, settings. Every schema that takes user text starts from `text()` (or
 * `multilineText()` for a textarea); ESLint refuses a bare `z.string()` elsewhere.
 *
 * Why refuse control characters: Postgres rejects a NUL byte in text (SQLSTATE 22021, which
 * surfaced as a 500), and the other control characters (escape sequences, backspace, form feed,
 * C1 controls) have no place in a name, a search or a setting; they corrupt CSV files, logs and
 * terminals. Nobody types them: they arrive only from scripts or pasted binary. Likewise half of
 * a surrogate pair (below).
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

/**
 * Half of a UTF-16 surrogate pair with no other half (Unicode Cs). Only scripts send one: a
 * browser's form and URL encoding cannot. Postgres refuses it in jsonb (an export's parameters,
 * a setting's value), which surfaced as a 500, and a text column would keep U+FFFD instead.
 */
const LONE_SURROGATE = /\p{Cs}/u;
export const BROKEN_TEXT_MESSAGE =
  'This text has a broken character (half of an emoji or of a rare letter); type it again';

/** Any control character (Unicode Cc: C0, DEL and C1). */
const CONTROL = /\p{Cc}/u;
/** The same, except tab, line feed and carriage return, which a textarea legitimately holds. */
const CONTROL_EXCEPT_LINES = /(?![\t\n\r])\p{Cc}/u;

type StringParams = Parameters<typeof z.string>[0];

/** A single line of user text: no control characters at all. Chain trim/min/max as usual. */
export function text(params?: StringParams) {
  return wholeCharacters(params).refine((v) => !CONTROL.test(v), CONTROL_CHARACTER_MESSAGE);
}

/** Text from a textarea: line breaks and tabs are allowed, other control characters are not. */
export function multilineText(params?: StringParams) {
  return wholeCharacters(params).refine(
    (v) => !CONTROL_EXCEPT_LINES.test(v),
    MULTILINE_CONTROL_CHARACTER_MESSAGE,
  );
}

function wholeCharacters(params?: StringParams) {
  return z.string(params).refine((v) => !LONE_SURROGATE.test(v), BROKEN_TEXT_MESSAGE);
}
