/**
 * Fuzz entries for the public server actions: signing in (inputs derived from its schema, with
 * real accounts' e-mails and hostile callback URLs) and signing out (which takes no input: any
 * value sent is ignored, and a hostile one must stay so).
 */
import fc from 'fast-check';
import { isRedirectError } from 'next/dist/client/components/redirect-error';
import { requestPasswordResetAction } from '@/lib/auth/actions/request-password-reset';
import { resetPasswordAction } from '@/lib/auth/actions/reset-password';
import { signInAction } from '@/lib/auth/actions/sign-in';
import { signOutAction } from '@/lib/auth/actions/sign-out';
import { verifyMfaAction } from '@/lib/auth/actions/verify-mfa';
import { verifyMfaSchema } from '@/lib/auth/mfa/schemas';
import { codeFor } from '../mfa-fixtures';
import { requestPasswordResetSchema, resetPasswordSchema } from '@/lib/auth/account-schemas';
import { signInSchema } from '@/lib/auth/session-schemas';
import { shapedBy } from './action-entries';
import { fuzzInput, hostileValue } from './hostile';
import { actionOutcome, type FuzzEntry, type Outcome } from './runner';

const signInEntry: FuzzEntry = {
  id: 'lib/auth/actions/sign-in.ts#signInAction',
  fn: signInAction,
  caller: () => null,
  // The account with a real password signs in with it (so the accepted path runs, callback URLs
  // and all), or anyone else's e-mail is tried: wrong passwords on it would soon lock it.
  inputs: (w) => {
    const others = w.emails.filter((email) => email !== w.login.email);
    const login = { email: fc.constant(w.login.email), password: fc.constant(w.login.password) };
    const shaped = fc.oneof(
      shapedBy(signInSchema, w, login),
      shapedBy(signInSchema, w, { email: fc.constantFrom(...others) }),
    );
    return fuzzInput(shaped, w.ids);
  },
  call: async (_w, input) => actionOutcome(await signInAction(input as never)),
  // Wrong passwords count towards the lock (users' throttle columns are not checked).
  mayChange: () => false,
  secret: () => [],
};

const signOutEntry: FuzzEntry = {
  id: 'lib/auth/actions/sign-out.ts#signOutAction',
  fn: signOutAction,
  caller: (w) => ({ label: 'member of A and B', user: w.shared, clinicId: w.a.id }),
  inputs: (w) => hostileValue(w.ids),
  call: async (_w, input): Promise<Outcome> => {
    try {
      return actionOutcome(await (signOutAction as (i: unknown) => Promise<unknown>)(input));
    } catch (err) {
      // next-auth answers a sign-out with a redirect to the sign-in page, as Next does: a throw.
      if (isRedirectError(err)) return { result: 'accepted', answer: String(err.digest) };
      throw err;
    }
  },
  mayChange: () => false,
  secret: () => [],
};

/** The code step, from a session awaiting its code: right codes now and then, anything else. */
const verifyMfaEntry: FuzzEntry = {
  id: 'lib/auth/actions/verify-mfa.ts#verifyMfaAction',
  fn: verifyMfaAction,
  caller: (w) => ({ label: 'session awaiting its code', user: w.mfa.enrolled }),
  inputs: (w) =>
    fuzzInput(shapedBy(verifyMfaSchema, w, { code: fc.constant(codeFor(w.mfa.secret)) }), w.ids),
  call: async (_w, input) => actionOutcome(await verifyMfaAction(input as never)),
  // Its session row, the user's last step and lockout counters: system rows only.
  mayChange: (_w, _input, key) => !key.includes(':'),
  secret: () => [],
};

// ---- Password reset (issue 10, account) ----

/** Asking for a link, for real accounts' addresses or any; the mail goes out after the answer. */
const requestPasswordResetEntry: FuzzEntry = {
  id: 'lib/auth/actions/request-password-reset.ts#requestPasswordResetAction',
  fn: requestPasswordResetAction,
  caller: () => null,
  inputs: (w) =>
    fuzzInput(
      fc.oneof(
        shapedBy(requestPasswordResetSchema, w, { email: fc.constantFrom(...w.emails) }),
        shapedBy(requestPasswordResetSchema, w),
      ),
      w.ids,
    ),
  // Outside a request the mail is sent before the answer (lib/after-response.ts).
  call: async (_w, input) => actionOutcome(await requestPasswordResetAction(input as never)),
  // A link (replacing the account's older one) and the throttle's hits; nothing else.
  mayChange: (_w, _input, key) => key === 'password_reset_tokens' || key === 'rate_limit_hits',
  secret: () => [],
};

/** Using a link: fuzzed tokens are never a stored one, so every call must change nothing. */
const resetPasswordEntry: FuzzEntry = {
  id: 'lib/auth/actions/reset-password.ts#resetPasswordAction',
  fn: resetPasswordAction,
  caller: () => null,
  inputs: (w) => fuzzInput(shapedBy(resetPasswordSchema, w), w.ids),
  call: async (_w, input) => actionOutcome(await resetPasswordAction(input as never)),
  mayChange: () => false,
  secret: () => [],
};

export const PUBLIC_ACTION_ENTRIES: FuzzEntry[] = [
  signInEntry,
  signOutEntry,
  requestPasswordResetEntry,
  resetPasswordEntry,
  verifyMfaEntry,
];
