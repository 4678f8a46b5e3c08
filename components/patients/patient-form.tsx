'use client';
import { useClinicAction } from '@/components/forms/use-clinic-action';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { useActionFeedback } from '@/components/forms/use-action-feedback';
import { Button, buttonClasses } from '@/components/ui/button';
import { createPatientAction } from '@/lib/actions/patients/create-patient';
import { updatePatientAction } from '@/lib/actions/patients/update-patient';
import type { PatientSex } from '@/lib/patients/constants';
import { latestDateOnEarth } from '@/lib/patients/dates';
import { DUPLICATE_REASON_LABELS } from '@/lib/patients/duplicates';
import { formatDay } from '@/lib/dates/format';
import {
  EMPTY_PATIENT_FORM,
  createPatientSchema,
  updatePatientSchema,
  type PatientFormValues,
} from '@/lib/patients/schema';
import type {
  CreatePatientResult,
  PossibleDuplicate,
  UpdatePatientResult,
} from '@/lib/patients/types';
import { PatientFields } from './patient-fields';

/** The form's strings as the action's input; the schema (run first) has checked `sex`. */
function asInput(values: PatientFormValues) {
  return { ...values, sex: values.sex as PatientSex };
}

/** After a failed save, keyboard users land on the first field that needs attention. */
function useFocusFirstError(errors: object) {
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);
  return formRef;
}

function useFormValues(initial: PatientFormValues) {
  const [values, setValues] = useState(initial);
  const set = (key: keyof PatientFormValues, value: string) =>
    setValues((v) => ({ ...v, [key]: value }));
  return { values, set, reset: () => setValues(initial) };
}

/**
 * Onboarding. Saving first asks the server, which answers with possible duplicates in this clinic
 * instead of creating; the user reviews them and either goes back or chooses "Create anyway".
 */
export function CreatePatientForm() {
  const router = useRouter();
  const form = useFormValues(EMPTY_PATIENT_FORM);
  const [duplicates, setDuplicates] = useState<PossibleDuplicate[] | null>(null);
  const feedback = useActionFeedback<CreatePatientResult>({
    onSuccess: (result) => {
      if (result.status === 'duplicates') {
        setDuplicates(result.duplicates);
        return;
      }
      toast.success(`Patient created: ${result.mrn}.`);
      router.push(`/patients/${result.id}`);
    },
  });
  const create = useClinicAction(createPatientAction, feedback.callbacks);
  const formRef = useFocusFirstError(feedback.fieldErrors);
  // Between a successful create and the navigation, keep the button busy (no double submit).
  const busy =
    create.isPending || (create.hasSucceeded && create.result.data?.status === 'created');

  function change(key: keyof PatientFormValues, value: string) {
    form.set(key, value);
    // The warning was about the details as they were; edited details need a fresh check.
    setDuplicates(null);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (feedback.validate(createPatientSchema, form.values))
      create.execute({ ...asInput(form.values), confirmDuplicate: false });
  }

  return (
    <form
      onChange={feedback.clearEdited}
      ref={formRef}
      onSubmit={submit}
      noValidate
      className="space-y-6"
      aria-label="New patient"
    >
      <PatientFields
        idPrefix="new-patient"
        values={form.values}
        errors={feedback.fieldErrors}
        onChange={change}
        maxDate={latestDateOnEarth().slice(0, 10)}
      />
      {duplicates && duplicates.length > 0 ? (
        <DuplicateWarning
          duplicates={duplicates}
          pending={busy}
          onConfirm={() => create.execute({ ...asInput(form.values), confirmDuplicate: true })}
          onDismiss={() => setDuplicates(null)}
        />
      ) : (
        <div className="flex items-center gap-3 border-t border-slate-100 pt-5">
          <Button type="submit" pending={busy} pendingLabel="Saving…">
            Create patient
          </Button>
          <Link href="/patients" className={buttonClasses('ghost')}>
            Cancel
          </Link>
        </div>
      )}
    </form>
  );
}

function DuplicateWarning({
  duplicates,
  pending,
  onConfirm,
  onDismiss,
}: {
  duplicates: PossibleDuplicate[];
  pending: boolean;
  onConfirm: () => void;
  onDismiss: () => void;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Move focus to the warning so keyboard and screen-reader users meet it first.
  useEffect(() => headingRef.current?.focus(), []);
  const one = duplicates.length === 1;
  return (
    <section
      aria-labelledby="duplicate-heading"
      data-testid="duplicate-warning"
      className="space-y-4 rounded-lg border border-amber-300 bg-amber-50 p-4"
    >
      <div>
        <h2
          id="duplicate-heading"
          ref={headingRef}
          tabIndex={-1}
          className="text-base font-semibold text-amber-950 focus:outline-none"
        >
          {one ? 'This patient may already be registered' : 'These patients may be the same person'}
        </h2>
        <p className="mt-1 text-sm text-amber-900">
          Check {one ? 'the record' : 'the records'} below before creating a new one. Duplicate
          records split a patient&apos;s history.
        </p>
      </div>
      <ul className="divide-y divide-amber-200 rounded-md border border-amber-200 bg-white">
        {duplicates.map((d) => (
          <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2.5">
            <div className="text-sm">
              <p className="font-medium text-slate-900">
                {d.familyName}, {d.givenName}
              </p>
              <p className="text-slate-600">
                Born {formatDay(d.dateOfBirth, { weekday: false })} ·{' '}
                <span className="font-mono">{d.mrn}</span> · {DUPLICATE_REASON_LABELS[d.reason]}
              </p>
            </div>
            <Link
              href={`/patients/${d.id}`}
              target="_blank"
              rel="noopener"
              className="rounded-sm text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
            >
              Open record
              <span className="sr-only">
                {' '}
                of {d.givenName} {d.familyName}
              </span>
              <span className="sr-only"> (opens in a new tab)</span>
            </Link>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={onConfirm} pending={pending} pendingLabel="Creating…">
          Create anyway
        </Button>
        <Button variant="secondary" onClick={onDismiss} disabled={pending}>
          Go back and edit
        </Button>
      </div>
    </section>
  );
}

/** Editing a patient's details in place on the record page. */
export function EditPatientForm({
  patientId,
  initial,
  onDone,
}: {
  patientId: string;
  initial: PatientFormValues;
  onDone: () => void;
}) {
  const router = useRouter();
  const form = useFormValues(initial);
  const feedback = useActionFeedback<UpdatePatientResult>({
    success: 'Changes saved.',
    onSuccess: () => {
      router.refresh();
      onDone();
    },
  });
  const update = useClinicAction(updatePatientAction, feedback.callbacks);
  const formRef = useFocusFirstError(feedback.fieldErrors);

  function submit(e: FormEvent) {
    e.preventDefault();
    const input = { id: patientId, ...asInput(form.values) };
    if (feedback.validate(updatePatientSchema, input)) update.execute(input);
  }

  return (
    <form
      onChange={feedback.clearEdited}
      ref={formRef}
      onSubmit={submit}
      noValidate
      className="space-y-6"
      aria-label="Edit patient details"
    >
      <PatientFields
        idPrefix="edit-patient"
        values={form.values}
        errors={feedback.fieldErrors}
        onChange={form.set}
        maxDate={latestDateOnEarth().slice(0, 10)}
      />
      <div className="flex items-center gap-3 border-t border-slate-100 pt-5">
        <Button type="submit" pending={update.isPending} pendingLabel="Saving…">
          Save changes
        </Button>
        <Button variant="ghost" onClick={onDone} disabled={update.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
