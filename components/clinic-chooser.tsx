'use client';
import { useAction } from 'next-safe-action/hooks';
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { useSessionSync } from '@/components/session/session-sync';
import { switchClinicAction } from '@/lib/auth/actions/switch-clinic';

/** One button per clinic, naming the user's role there. */
export function ClinicChooser({
  clinics,
}: {
  clinics: { id: string; name: string; roleName: string }[];
}) {
  const router = useRouter();
  const { announce } = useSessionSync();
  const { execute, isPending } = useAction(switchClinicAction, {
    onSuccess: () => {
      announce();
      // The session changed: a push alone keeps the root layout (the header) as it was rendered
      // before; refresh re-renders it and drops the client cache of the previous state.
      router.push('/');
      router.refresh();
    },
    onError: ({ error }) => toast.error(error.serverError ?? 'Could not choose that clinic'),
  });
  return (
    <ul className="mt-6 space-y-2">
      {clinics.map((c) => (
        <li key={c.id}>
          <button
            type="button"
            disabled={isPending}
            onClick={() => execute({ clinicId: c.id })}
            className="flex w-full flex-wrap items-baseline justify-between gap-x-3 rounded-lg border border-slate-200 bg-white px-4 py-3 text-left hover:border-brand-600 hover:bg-brand-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 disabled:opacity-60"
          >
            <span className="font-medium">{c.name}</span>
            <span className="text-sm text-slate-600">{c.roleName}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
