import type { UserContext } from '@/lib/auth/context';

/** Placeholder: filled in by the password work of issue 10. */
export async function PasswordSection({ ctx }: { ctx: UserContext }) {
  void ctx;
  return null;
}
