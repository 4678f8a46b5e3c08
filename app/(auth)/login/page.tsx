import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/login-form';
import { loadHeaderState } from '@/lib/auth/header-state';
import { safeCallbackPath } from '@/lib/auth/sign-in-rules';
import { publicOrigin } from '@/lib/security/origin';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
}) {
  // Only a session that is live in the database skips the form; a revoked token must not loop.
  if (await loadHeaderState()) redirect('/');
  const { callbackUrl } = await searchParams;
  // Cleaned before it reaches the form, so a hostile link cannot make the sign-in itself fail.
  const next = safeCallbackPath([callbackUrl].flat()[0], publicOrigin() ?? undefined);
  return (
    <div className="mx-auto mt-12 max-w-sm">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
      <p className="mt-1 text-sm text-slate-600">Use the account your clinic gave you.</p>
      <LoginForm callbackUrl={next} />
    </div>
  );
}
