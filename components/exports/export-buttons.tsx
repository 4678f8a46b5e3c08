'use client';
import { useClinicAction } from '@/components/forms/use-clinic-action';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { useActionFeedback } from '@/components/forms/use-action-feedback';
import { Button } from '@/components/ui/button';
import { requestAppointmentsCsvAction } from '@/lib/actions/exports/request-appointments-csv';
import { requestPatientsCsvAction } from '@/lib/actions/exports/request-patients-csv';
import type { AppointmentsCsvInput, PatientsCsvInput } from '@/lib/exports/params';
import type { RequestExportResult } from '@/lib/exports/types';

/**
 * "Export" buttons and forms. Pages render them only for roles holding patients.export (they pass
 * that in; these components never look at roles) and the action re-checks the permission anyway.
 * The export runs in the background; the button says so and links to the Exports page.
 */

/**
 * The state every export request shares: the idempotency key of the user's current intention
 * (the same for a double click or a resent request, a fresh one once a submit has completed), the
 * result shown next to the button, and the action callbacks (field errors, toasts).
 */
export function useExportRequest() {
  const [queued, setQueued] = useState<RequestExportResult | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const feedback = useActionFeedback<RequestExportResult>({
    success: (r) =>
      r.alreadyRunning
        ? 'This export is already being prepared.'
        : 'Export started. It will be ready on the Exports page.',
    onSuccess: setQueued,
  });
  const callbacks = useMemo(
    () => ({ ...feedback.callbacks, onSettled: () => setIdempotencyKey(crypto.randomUUID()) }),
    [feedback.callbacks],
  );
  return { queued, idempotencyKey, fieldErrors: feedback.fieldErrors, callbacks };
}

export function Queued({ result }: { result: RequestExportResult | null }) {
  return (
    <p role="status" className="text-xs text-slate-600">
      {result && (
        <>
          {result.alreadyRunning ? 'Already being prepared.' : 'Export started.'}{' '}
          <Link
            href="/exports"
            className="font-medium text-brand-700 hover:underline"
            data-testid="open-exports"
          >
            Open Exports
          </Link>
        </>
      )}
    </p>
  );
}

/** The status line and the button every export request shows. */
function ExportRequest({
  queued,
  pending,
  label,
  onClick,
}: {
  queued: RequestExportResult | null;
  pending: boolean;
  label: string;
  onClick: () => void;
}) {
  return (
    <div className="flex items-center gap-3">
      <Queued result={queued} />
      <Button variant="secondary" pending={pending} pendingLabel="Starting…" onClick={onClick}>
        {label}
      </Button>
    </div>
  );
}

/** Exports the patient list with the filters (and order) it currently shows. */
export function PatientsCsvButton({ filters }: { filters: PatientsCsvInput }) {
  const request = useExportRequest();
  const action = useClinicAction(requestPatientsCsvAction, request.callbacks);
  return (
    <ExportRequest
      queued={request.queued}
      pending={action.isPending}
      label="Export CSV"
      onClick={() => action.execute({ ...filters, idempotencyKey: request.idempotencyKey })}
    />
  );
}

/** Exports the appointments of the range (and status) the list currently shows. */
export function AppointmentsCsvButton({ range }: { range: AppointmentsCsvInput }) {
  const request = useExportRequest();
  const action = useClinicAction(requestAppointmentsCsvAction, request.callbacks);
  return (
    <ExportRequest
      queued={request.queued}
      pending={action.isPending}
      label="Export CSV"
      onClick={() => action.execute({ ...range, idempotencyKey: request.idempotencyKey })}
    />
  );
}
