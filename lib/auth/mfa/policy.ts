/**
 * Who must pass or set up two-factor sign-in before using the app. Pure, so the rules are tested
 * without a request. The database is the source of every input: never the session token.
 */
export interface MfaFacts {
  /** The user has a confirmed TOTP secret. */
  enrolled: boolean;
  /** This session passed the code step (user_sessions.mfa_verified_at). */
  sessionVerified: boolean;
  /** The user holds a system role (the control plane). */
  isOperator: boolean;
  nodeEnv: 'development' | 'test' | 'production';
}

/** `verify`: the session must pass the code step; `enrol`: the user must set MFA up first. */
export type MfaGate = 'ok' | 'verify' | 'enrol';

/**
 * An enrolled user's session is useless until its code step passes. Operators must enrol in
 * production; development (and tests) let the demo operator in without it, and the dev console
 * says so at start (instrumentation.ts).
 */
export function mfaGate(f: MfaFacts): MfaGate {
  if (f.enrolled) return f.sessionVerified ? 'ok' : 'verify';
  if (f.isOperator && operatorsNeedMfa(f.nodeEnv)) return 'enrol';
  return 'ok';
}

export function operatorsNeedMfa(nodeEnv: MfaFacts['nodeEnv']): boolean {
  return nodeEnv === 'production';
}
