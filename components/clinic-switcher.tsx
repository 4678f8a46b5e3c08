'use client';
import { useAction } from 'next-safe-action/hooks';
import { usePathname, useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { useSessionSync } from '@/components/session/session-sync';
import { switchClinicAction } from '@/lib/auth/actions/switch-clinic';

interface Props {
  clinics: { id: string; name: string }[];
  activeClinicId: string | null;
}

/** The header clinic picker. One clinic: just its name. Several: a native, keyboard-friendly select. */
export function ClinicSwitcher({ clinics, activeClinicId }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const { announce } = useSessionSync();
  const { execute, isPending } = useAction(switchClinicAction, {
    onSuccess: ({ data }) => {
      announce();
      toast.success(`Now working in ${data?.clinicName}`);
      // A record page of the old clinic would be a 404 in the new one: go up to its section.
      const section = '/' + (pathname.split('/')[1] ?? '');
      if (section !== pathname) router.push(section);
      // Always refresh: a push alone keeps the header (root layout) and cached pages of the old
      // clinic.
      router.refresh();
    },
    onError: ({ error }) => toast.error(error.serverError ?? 'Could not switch clinic'),
  });

  if (clinics.length === 0) return null;
  if (clinics.length === 1) {
    return (
      <span className="text-sm font-medium text-slate-700" data-testid="active-clinic">
        {clinics[0]!.name}
      </span>
    );
  }
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="sr-only">Active clinic</span>
      <select
        data-testid="clinic-switcher"
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm font-medium text-slate-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 disabled:opacity-60"
        value={activeClinicId ?? ''}
        disabled={isPending}
        aria-busy={isPending}
        onChange={(e) => execute({ clinicId: e.target.value })}
      >
        {!activeClinicId && (
          <option value="" disabled>
            Choose a clinic…
          </option>
        )}
        {clinics.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}
