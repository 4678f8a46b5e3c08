/** One message for every failure: unknown email, wrong password, locked or disabled. */
export const SIGN_IN_FAILED = 'Email or password is incorrect, or the account is locked.';

/** Only same-site paths: never an absolute or protocol-relative URL (open redirect). */
export function safeCallbackPath(value: string | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\')
    ? value
    : '/';
}
