import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/login-form';
import { loadHeaderState } from '@/lib/auth/header-state';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  // Only a session that is live in the database skips the form; a revoked token must not loop.
  if (await loadHeaderState()) redirect('/');
  const { callbackUrl } = await searchParams;
  return (
    <div className="mx-auto mt-12 max-w-sm">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
      <p className="mt-1 text-sm text-slate-600">Use the account your clinic gave you.</p>
      <LoginForm callbackUrl={callbackUrl} />
    </div>
  );
}
