'use client';
import { useAction } from 'next-safe-action/hooks';
import { useState, type FormEvent } from 'react';
import { useSessionSync } from '@/components/session/session-sync';
import { useActionFeedback } from '@/components/forms/use-action-feedback';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { controlClasses } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { cn } from '@/components/ui/cn';
import { openSupportAccessAction } from '@/lib/control/actions/open-support-access';
import { SUPPORT_DURATIONS, openSupportSchema } from '@/lib/control/support/schemas';

/** Opens support access to one clinic; on success the whole app reloads inside that clinic. */
export function OpenSupportForm({ clinics }: { clinics: { id: string; name: string }[] }) {
  const [clinicId, setClinicId] = useState('');
  const [durationMinutes, setDuration] = useState<string>('15');
  const [reason, setReason] = useState('');
  const [write, setWrite] = useState(false);
  const [writeReason, setWriteReason] = useState('');
  const { announce } = useSessionSync();
  const feedback = useActionFeedback({
    onSuccess: () => {
      announce();
      // A full load: the header (root layout) must show the clinic and the support banner.
      window.location.assign('/');
    },
  });
  const open = useAction(openSupportAccessAction, feedback.callbacks);
  const errors = feedback.fieldErrors;

  function submit(e: FormEvent) {
    e.preventDefault();
    const input = {
      clinicId,
      durationMinutes: Number(durationMinutes),
      reason,
      write,
      ...(write ? { writeReason } : {}),
    };
    if (feedback.validate(openSupportSchema, input)) open.execute(input);
  }

  return (
    <form
      onChange={feedback.clearEdited}
      onSubmit={submit}
      noValidate
      className="grid gap-4 sm:grid-cols-2"
    >
      <Field id="support-clinic" name="clinicId" label="Clinic" error={errors.clinicId}>
        {(p) => (
          <Select
            {...p}
            value={clinicId}
            onChange={(e) => setClinicId(e.target.value)}
            placeholder="Choose a clinic…"
            options={clinics.map((c) => ({ value: c.id, label: c.name }))}
            required
          />
        )}
      </Field>
      <Field
        id="support-duration"
        name="durationMinutes"
        label="Duration"
        hint="Access ends by itself after this time."
        error={errors.durationMinutes}
      >
        {(p) => (
          <Select
            {...p}
            value={durationMinutes}
            onChange={(e) => setDuration(e.target.value)}
            options={SUPPORT_DURATIONS.map((m) => ({ value: String(m), label: `${m} minutes` }))}
          />
        )}
      </Field>
      <ReasonField
        id="support-reason"
        name="reason"
        label="Reason"
        hint="Shown to the clinic's admins and in both audit logs, e.g. the ticket you work on."
        error={errors.reason}
        value={reason}
        onChange={setReason}
      />
      <Checkbox
        id="support-write"
        className="sm:col-span-2"
        label="I need write access"
        description="Read-only by default. Write access lets you change patients, appointments and settings; it is flagged in the clinic's banner and logs."
        checked={write}
        onChange={(e) => setWrite(e.target.checked)}
      />
      {write && (
        <ReasonField
          id="support-write-reason"
          name="writeReason"
          label="Why read-only is not enough"
          error={errors.writeReason}
          value={writeReason}
          onChange={setWriteReason}
        />
      )}
      <div className="sm:col-span-2">
        <Button
          type="submit"
          variant={write ? 'danger' : 'primary'}
          pending={open.isPending}
          pendingLabel="Opening…"
        >
          {write ? 'Open support access with write' : 'Open read-only support access'}
        </Button>
      </div>
    </form>
  );
}

interface ReasonFieldProps {
  id: string;
  name: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: (value: string) => void;
}

/** A required reason, full width: the access reason and the second one write access needs. */
function ReasonField({ value, onChange, ...field }: ReasonFieldProps) {
  return (
    <Field {...field} className="sm:col-span-2">
      {(p) => (
        <textarea
          {...p}
          rows={2}
          className={cn(controlClasses, 'resize-y')}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          required
        />
      )}
    </Field>
  );
}
