'use client';
import { useActionFeedback } from '@/components/forms/use-action-feedback';
import { useClinicAction } from '@/components/forms/use-clinic-action';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { resendInvitationAction } from '@/lib/control/team/actions/resend-invitation';
import { revokeInvitationAction } from '@/lib/control/team/actions/revoke-invitation';

/** Resend (a new link, 7 more days) and revoke, for one pending invitation. */
export function InvitationActions({ invitation }: { invitation: { id: string; email: string } }) {
  const resendFeedback = useActionFeedback({
    success: `Invitation sent again to ${invitation.email}; the earlier link no longer works.`,
  });
  const revokeFeedback = useActionFeedback({
    success: `Invitation to ${invitation.email} withdrawn.`,
  });
  const resend = useClinicAction(resendInvitationAction, resendFeedback.callbacks);
  const revoke = useClinicAction(revokeInvitationAction, revokeFeedback.callbacks);
  const input = { invitationId: invitation.id };
  return (
    <div className="flex flex-wrap justify-end gap-2">
      <Button
        variant="secondary"
        size="sm"
        pending={resend.isPending}
        aria-label={`Resend the invitation to ${invitation.email}`}
        onClick={() => resend.execute(input)}
      >
        Resend
      </Button>
      <ConfirmButton
        aria-label={`Revoke the invitation to ${invitation.email}`}
        title={`Revoke the invitation to ${invitation.email}?`}
        description={
          <p>The link in their e-mail stops working. You can invite them again later.</p>
        }
        confirmLabel="Revoke invitation"
        cancelLabel="Keep invitation"
        pending={revoke.isPending}
        onConfirm={() => revoke.execute(input)}
      >
        Revoke
      </ConfirmButton>
    </div>
  );
}
