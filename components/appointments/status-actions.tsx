'use client';
import { useClinicAction } from '@/components/forms/use-clinic-action';
import { useRouter } from 'next/navigation';
import { useActionFeedback } from '@/components/forms/use-action-feedback';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { setAppointmentStatusAction } from '@/lib/actions/appointments/set-appointment-status';
import { STATUS_LABELS, type StatusChange } from '@/lib/appointments/schemas';

/**
 * Cancel, complete or mark a no-show. Completion and no-show are offered once the appointment has
 * started; cancelling asks first because it frees the slot for someone else.
 */
export function AppointmentStatusActions({
  appointmentId,
  started,
  summary,
}: {
  appointmentId: string;
  started: boolean;
  /** e.g. "Fri 27 Nov 2026 at 09:00 with Dr Nguyen", for the confirmation. */
  summary: string;
}) {
  const router = useRouter();
  const feedback = useActionFeedback<{ status: StatusChange }>({
    success: (r) => `Appointment marked ${STATUS_LABELS[r.status].toLowerCase()}.`,
    onSuccess: () => router.refresh(),
  });
  const change = useClinicAction(setAppointmentStatusAction, feedback.callbacks);
  const pendingStatus = change.isPending ? change.input?.status : undefined;
  const run = (status: StatusChange) => change.execute({ appointmentId, status });

  return (
    <div className="flex flex-wrap items-center gap-2">
      {started ? (
        <>
          <Button
            variant="secondary"
            size="sm"
            pending={pendingStatus === 'completed'}
            disabled={change.isPending}
            onClick={() => run('completed')}
          >
            Mark completed
          </Button>
          <Button
            variant="secondary"
            size="sm"
            pending={pendingStatus === 'no_show'}
            disabled={change.isPending}
            onClick={() => run('no_show')}
          >
            Mark no-show
          </Button>
        </>
      ) : (
        <p className="text-xs text-slate-600">
          Completion and no-show can be recorded once it starts.
        </p>
      )}
      <ConfirmButton
        title="Cancel this appointment?"
        description={
          <p>{summary}. The slot becomes free for another booking. This cannot be undone.</p>
        }
        confirmLabel="Cancel appointment"
        cancelLabel="Keep appointment"
        pending={pendingStatus === 'cancelled'}
        disabled={change.isPending}
        onConfirm={() => run('cancelled')}
      >
        Cancel appointment
      </ConfirmButton>
    </div>
  );
}
