import type { UserContext } from '@/lib/auth/context';

/** Placeholder: filled in by the sessions work of issue 10. */
export async function SessionsSection({ ctx }: { ctx: UserContext }) {
  void ctx;
  return null;
}
