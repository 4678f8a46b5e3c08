import type { UserContext } from '@/lib/auth/context';

/** Placeholder: filled in by the mfa work of issue 10. */
export async function MfaSection({ ctx }: { ctx: UserContext }) {
  void ctx;
  return null;
}
