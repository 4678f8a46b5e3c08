'use client';
import { useRouter } from 'next/navigation';
import { useActionFeedback } from '@/components/forms/use-action-feedback';
import { useClinicAction } from '@/components/forms/use-clinic-action';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { endSupportSessionAction } from '@/lib/actions/members/end-support-session';

/** A clinic admin ends an operator's support access; the operator is out on their next request. */
export function EndSupportButton({ id, operator }: { id: string; operator: string }) {
  const router = useRouter();
  const feedback = useActionFeedback({
    success: 'Support access ended.',
    onSuccess: () => router.refresh(),
  });
  const end = useClinicAction(endSupportSessionAction, feedback.callbacks);
  return (
    <ConfirmButton
      title="End support access?"
      description={`${operator} loses access to this clinic on their next step.`}
      confirmLabel="End access"
      pending={end.isPending}
      onConfirm={() => end.execute({ supportSessionId: id })}
      aria-label={`End support access of ${operator}`}
    >
      End
    </ConfirmButton>
  );
}
