'use client';
import { useAction } from 'next-safe-action/hooks';
import { useRouter } from 'next/navigation';
import { useActionFeedback } from '@/components/forms/use-action-feedback';
import { Button } from '@/components/ui/button';
import { endSessionsAction } from '@/lib/auth/actions/end-sessions';

/** Signs out one other session (with `sessionId`) or all of them; the list then reloads. */
export function EndSessionsButton({
  sessionId,
  label,
  ariaLabel,
}: {
  sessionId?: string;
  label: string;
  ariaLabel?: string;
}) {
  const router = useRouter();
  const feedback = useActionFeedback<{ ended: number }>({
    success: ({ ended }) =>
      ended === 1 ? '1 session signed out.' : `${ended} sessions signed out.`,
    onSuccess: () => router.refresh(),
  });
  const end = useAction(endSessionsAction, feedback.callbacks);
  return (
    <Button
      variant={sessionId ? 'secondary' : 'danger'}
      size="sm"
      pending={end.isPending}
      aria-label={ariaLabel}
      onClick={() => end.execute(sessionId ? { sessionId } : {})}
    >
      {label}
    </Button>
  );
}
