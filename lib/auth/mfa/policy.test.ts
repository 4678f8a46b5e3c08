import { describe, expect, it } from 'vitest';
import { mfaGate, operatorsNeedMfa, type MfaFacts } from './policy';

const facts = (f: Partial<MfaFacts>): MfaFacts => ({
  enrolled: false,
  sessionVerified: false,
  isOperator: false,
  nodeEnv: 'production',
  ...f,
});

describe('mfaGate', () => {
  it('holds an enrolled user at the code step until the session passes it', () => {
    expect(mfaGate(facts({ enrolled: true }))).toBe('verify');
    expect(mfaGate(facts({ enrolled: true, sessionVerified: true }))).toBe('ok');
    expect(mfaGate(facts({ enrolled: true, nodeEnv: 'development' }))).toBe('verify');
  });

  it('sends an operator without MFA to enrol in production, and only there', () => {
    expect(mfaGate(facts({ isOperator: true }))).toBe('enrol');
    expect(mfaGate(facts({ isOperator: true, nodeEnv: 'development' }))).toBe('ok');
    expect(mfaGate(facts({ isOperator: true, nodeEnv: 'test' }))).toBe('ok');
    expect(operatorsNeedMfa('production')).toBe(true);
    expect(operatorsNeedMfa('development')).toBe(false);
  });

  it('lets staff without MFA through (clinics may require it: lib/auth/context.ts)', () => {
    expect(mfaGate(facts({}))).toBe('ok');
  });
});
