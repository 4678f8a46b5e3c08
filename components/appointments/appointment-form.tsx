'use client';
import { useClinicAction } from '@/components/forms/use-clinic-action';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useActionFeedback } from '@/components/forms/use-action-feedback';
import { PatientPicker, patientOptionLabel } from '@/components/pickers/patient-picker';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { bookAppointmentAction } from '@/lib/actions/appointments/book-appointment';
import { updateAppointmentAction } from '@/lib/actions/appointments/update-appointment';
import { bookAppointmentSchema, updateAppointmentSchema } from '@/lib/appointments/schemas';
import type { PatientChoice, PractitionerChoice } from '@/lib/appointments/types';
import { formatDay, formatWallTime } from '@/lib/dates/format';
import {
  SlotFields,
  slotInput,
  type Errors,
  type ScheduleHints,
  type SlotValues,
} from './slot-fields';

/** The input field each value fills, so an edited value rechecks its own error. */
const FIELD_OF: Record<keyof SlotValues, string> = {
  practitioner: 'practitionerMembershipId',
  date: 'date',
  startTime: 'startTime',
  durationMinutes: 'durationMinutes',
  reason: 'reason',
  outsideHours: 'outsideHours',
};

/** After a failed submit, keyboard and screen-reader users land on the first field to fix. */
function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, errors: Errors) {
  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [form, errors]);
}

export interface BookAppointmentFormProps {
  schedule: ScheduleHints;
  initialPatient?: PatientChoice | null;
  /** Prefilled from the calendar's free slot or "Book again" (each part optional). */
  initial?: {
    practitioner?: PractitionerChoice | null;
    date?: string | null;
    startTime?: string | null;
    durationMinutes?: number | null;
  };
}

/** Books an appointment; on success goes to that day's list, where it shows in clinic time. */
export function BookAppointmentForm({
  schedule,
  initialPatient = null,
  initial = {},
}: BookAppointmentFormProps) {
  const router = useRouter();
  const [patient, setPatient] = useState<PatientChoice | null>(initialPatient);
  const [values, setValues] = useState<SlotValues>({
    practitioner: initial.practitioner ?? null,
    date: initial.date ?? schedule.today,
    startTime: initial.startTime ?? '',
    durationMinutes: String(initial.durationMinutes ?? schedule.slotMinutes),
    reason: '',
    outsideHours: false,
  });
  const feedback = useActionFeedback<{ id: string; localDate: string; localStart: string }>({
    success: (r) =>
      `Booked for ${formatDay(r.localDate)} at ${formatWallTime(r.localStart, schedule.timeFormat)}.`,
    onSuccess: (r) => router.push(`/appointments?from=${r.localDate}&to=${r.localDate}`),
  });
  const book = useClinicAction(bookAppointmentAction, feedback.callbacks);
  const errors = feedback.fieldErrors;
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);
  const bookInput = (p: PatientChoice | null, v: SlotValues) => ({
    patientId: p?.id ?? '',
    ...slotInput(v),
  });
  const set = <K extends keyof SlotValues>(key: K, value: SlotValues[K]) => {
    const next = { ...values, [key]: value };
    setValues(next);
    feedback.recheck(bookAppointmentSchema, bookInput(patient, next), FIELD_OF[key]);
  };
  const choosePatient = (p: PatientChoice | null) => {
    setPatient(p);
    feedback.recheck(bookAppointmentSchema, bookInput(p, values), 'patientId');
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    const input = bookInput(patient, values);
    if (feedback.validate(bookAppointmentSchema, input)) book.execute(input);
  }

  return (
    <form
      ref={formRef}
      onSubmit={submit}
      noValidate
      className="grid gap-5 sm:grid-cols-6"
      aria-label="Book an appointment"
    >
      <Field
        id="book-patient"
        name="patientId"
        label="Patient"
        error={errors.patientId}
        className="sm:col-span-6"
      >
        {(p) => (
          <PatientPicker
            instanceId="book-patient-picker"
            {...p}
            value={patient}
            onChange={choosePatient}
          />
        )}
      </Field>
      <SlotFields idPrefix="book" values={values} set={set} errors={errors} schedule={schedule} />
      <div className="flex items-center gap-3 sm:col-span-6">
        <Button type="submit" pending={book.isPending} pendingLabel="Booking…">
          Book appointment
        </Button>
        <Button variant="ghost" onClick={() => router.back()} disabled={book.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

export interface EditAppointmentFormProps {
  appointmentId: string;
  schedule: ScheduleHints;
  patient: PatientChoice;
  initial: {
    practitioner: PractitionerChoice;
    date: string;
    startTime: string;
    durationMinutes: number;
    reason: string;
    outsideHours: boolean;
  };
}

/** Reschedules a scheduled appointment or edits its reason. */
export function EditAppointmentForm({
  appointmentId,
  schedule,
  patient,
  initial,
}: EditAppointmentFormProps) {
  const router = useRouter();
  const [values, setValues] = useState<SlotValues>({
    ...initial,
    durationMinutes: String(initial.durationMinutes),
  });
  const feedback = useActionFeedback<{ localDate: string; localStart: string }>({
    success: (r) =>
      `Saved: ${formatDay(r.localDate)} at ${formatWallTime(r.localStart, schedule.timeFormat)}.`,
    onSuccess: () => router.refresh(),
  });
  const update = useClinicAction(updateAppointmentAction, feedback.callbacks);
  const errors = feedback.fieldErrors;
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);
  const set = <K extends keyof SlotValues>(key: K, value: SlotValues[K]) => {
    const next = { ...values, [key]: value };
    setValues(next);
    feedback.recheck(updateAppointmentSchema, { appointmentId, ...slotInput(next) }, FIELD_OF[key]);
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    const input = { appointmentId, ...slotInput(values) };
    if (feedback.validate(updateAppointmentSchema, input)) update.execute(input);
  }

  return (
    <form
      ref={formRef}
      onSubmit={submit}
      noValidate
      className="grid gap-5 sm:grid-cols-6"
      aria-label="Edit the appointment"
    >
      <div className="sm:col-span-6">
        <p className="text-sm font-medium text-slate-700">Patient</p>
        <p className="mt-1 text-sm text-slate-900">{patientOptionLabel(patient)}</p>
      </div>
      <SlotFields
        idPrefix="edit"
        values={values}
        set={set}
        errors={errors}
        schedule={schedule}
        exceptId={appointmentId}
      />
      {errors.appointmentId && (
        <p className="text-sm text-red-700 sm:col-span-6">{errors.appointmentId}</p>
      )}
      <div className="sm:col-span-6">
        <Button type="submit" pending={update.isPending} pendingLabel="Saving…">
          Save changes
        </Button>
      </div>
    </form>
  );
}
