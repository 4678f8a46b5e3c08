/** One message for every failure: unknown email, wrong password, locked or disabled. */
export const SIGN_IN_FAILED = 'Email or password is incorrect, or the account is locked.';

/** Stands in for the app's origin where the caller does not know it (development). */
const SOME_ORIGIN = 'http://app.invalid';

/**
 * Where to go after signing in or out: a path on this app, never another site (open redirect).
 * The value is resolved against the app's origin the way a browser resolves it (the WHATWG URL
 * parser drops tabs and line breaks and reads backslashes as slashes, so `/\t/evil.example` is
 * `//evil.example`), kept only if it stays on that origin, and returned re-serialised, so what the
 * browser follows is exactly what was checked. Anything else is `/`.
 */
export function safeCallbackPath(value: string | undefined, origin: string = SOME_ORIGIN): string {
  if (!value) return '/';
  let target: URL;
  try {
    target = new URL(value, origin);
  } catch {
    return '/';
  }
  if (target.origin !== new URL(origin).origin) return '/';
  const path = `${target.pathname}${target.search}${target.hash}`;
  // `/.//evil.example` resolves to the path `//evil.example`, which as a link names another host.
  return path.startsWith('//') ? '/' : path;
}
