'use client';
import { useAction } from 'next-safe-action/hooks';
import { useState } from 'react';
import { useActionFeedback } from '@/components/forms/use-action-feedback';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { previewRetentionAction } from '@/lib/control/actions/preview-retention';
import { runRetentionAction } from '@/lib/control/actions/run-retention';
import { useRefreshUntil } from './use-refresh-until';

interface Preview {
  retentionDays: number;
  keepLatest: number;
  graceDays: number;
  eligibleByAge: number;
  eligibleByKeepLatest: number;
  purgeable: number;
}

/**
 * "Dry-run preview" (counts, changes nothing) and "Run now" for one clinic. After "Run now" the
 * page refreshes itself until a newer run than `latestRun` has finished, so its row shows up.
 */
export function RetentionControls({
  clinic,
  latestRun,
}: {
  clinic: { id: string; name: string };
  latestRun: { id: string; finished: boolean } | null;
}) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [runBefore, setRunBefore] = useState<string | null | undefined>(undefined);
  const refresh = useRefreshUntil({
    done: runBefore !== undefined && latestRun?.id !== runBefore && latestRun?.finished === true,
  });
  const previewFeedback = useActionFeedback<Preview>({ onSuccess: setPreview });
  const runFeedback = useActionFeedback<{ runsIn: 'process' | 'inngest' }>({
    success: (r) =>
      r.runsIn === 'process'
        ? `Retention for ${clinic.name} is running in this server process.`
        : `Retention for ${clinic.name} was sent to Inngest.`,
    onSuccess: () => {
      setRunBefore(latestRun?.id ?? null);
      refresh.start();
    },
  });
  const previewAction = useAction(previewRetentionAction, previewFeedback.callbacks);
  const runAction = useAction(runRetentionAction, runFeedback.callbacks);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          size="sm"
          pending={previewAction.isPending}
          pendingLabel="Counting…"
          aria-label={`Dry-run preview for ${clinic.name}`}
          onClick={() => previewAction.execute({ clinicId: clinic.id })}
        >
          Dry-run preview
        </Button>
        <ConfirmButton
          size="sm"
          aria-label={`Run retention now for ${clinic.name}`}
          title={`Run retention for ${clinic.name} now?`}
          description={
            <p>
              Export and report files past the clinic&apos;s limits are hidden now and their stored
              bytes removed after the grace period. Patient documents and the audit log are never
              touched.
            </p>
          }
          confirmLabel="Run now"
          pending={runAction.isPending}
          onConfirm={() => runAction.execute({ clinicId: clinic.id })}
        >
          Run now
        </ConfirmButton>
      </div>
      {refresh.waiting && (
        <p role="status" className="text-sm text-slate-600">
          Waiting for the run to finish; its result appears in the table below.
        </p>
      )}
      {preview && (
        <div
          role="status"
          className="rounded-md border border-brand-600/20 bg-brand-50 px-3 py-2 text-sm text-slate-700"
        >
          <p className="font-medium text-slate-900">Dry run: nothing was changed.</p>
          <p>
            {preview.eligibleByAge} older than {preview.retentionDays} days ·{' '}
            {preview.eligibleByKeepLatest} beyond the latest {preview.keepLatest} ·{' '}
            {preview.purgeable} to purge after the {preview.graceDays}-day grace period
          </p>
        </div>
      )}
    </div>
  );
}
