/**
 * Errors whose message may be shown to users. Anything else is logged with a request id and the
 * user sees a generic message plus that id (never `e.message` of an unknown error).
 */
export class ActionError extends Error {
  readonly name = 'ActionError';
}

/** A missing id and another clinic's id are the same thing to the caller: not found. */
export class NotFoundError extends Error {
  readonly name = 'NotFoundError';
  constructor(message = 'Not found') {
    super(message);
  }
}

/** No valid session (anonymous, expired, revoked, disabled). */
export class UnauthenticatedError extends Error {
  readonly name = 'UnauthenticatedError';
  constructor(message = 'Please sign in') {
    super(message);
  }
}

/**
 * Signed in with a password, but two-factor sign-in stands in the way: the session must pass the
 * code step (`verify`, /login/verify) or the user must set MFA up first (`enrol`, /account).
 * An UnauthenticatedError, so anything that does not know it refuses as for no session.
 */
export class MfaRequiredError extends UnauthenticatedError {
  constructor(
    readonly step: 'verify' | 'enrol',
    message = step === 'verify'
      ? 'Enter the code from your authenticator app first.'
      : 'Set up two-step sign-in on your account page first.',
  ) {
    super(message);
  }

  /** Where a page sends the user. */
  get page(): string {
    return this.step === 'verify' ? '/login/verify' : '/account?mfa=required';
  }
}

/** Signed in, but no clinic is chosen (or the chosen one is no longer theirs). */
export class NoClinicError extends Error {
  readonly name = 'NoClinicError';
  constructor(message = 'Choose a clinic first') {
    super(message);
  }
}

/** Signed in with a clinic, but the role lacks the permission. */
export class ForbiddenError extends Error {
  readonly name = 'ForbiddenError';
  constructor(message = 'You do not have permission to do that') {
    super(message);
  }
}

/**
 * A write from a page that was rendered for another clinic or another user than the session now
 * has (a switch, sign-out or sign-in in another tab). Nothing was written. HTTP 409.
 */
export class StalePageError extends Error {
  readonly name = 'StalePageError';
}

export const USER_VISIBLE_ERRORS = [
  ActionError,
  NotFoundError,
  UnauthenticatedError,
  NoClinicError,
  ForbiddenError,
  StalePageError,
] as const;

export function isUserVisible(err: unknown): err is Error {
  return USER_VISIBLE_ERRORS.some((E) => err instanceof E);
}
