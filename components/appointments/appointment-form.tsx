'use client';
import { useClinicAction } from '@/components/forms/use-clinic-action';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useActionFeedback } from '@/components/forms/use-action-feedback';
import { PatientPicker, patientOptionLabel } from '@/components/pickers/patient-picker';
import { PractitionerPicker } from '@/components/pickers/practitioner-picker';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input, controlClasses } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { cn } from '@/components/ui/cn';
import { bookAppointmentAction } from '@/lib/actions/appointments/book-appointment';
import { updateAppointmentAction } from '@/lib/actions/appointments/update-appointment';
import {
  DEFAULT_DURATION,
  DURATIONS,
  REASON_MAX,
  bookAppointmentSchema,
  updateAppointmentSchema,
} from '@/lib/appointments/schemas';
import type { PatientChoice, PractitionerChoice } from '@/lib/appointments/types';
import { formatDay, formatWallTime, type TimeFormat } from '@/lib/dates/format';

const DURATION_OPTIONS = DURATIONS.map((d) => ({ value: String(d), label: `${d} minutes` }));

interface SlotValues {
  practitioner: PractitionerChoice | null;
  date: string;
  startTime: string;
  durationMinutes: string;
  reason: string;
}

type Errors = Partial<Record<string, string>>;

/** Practitioner, date, start time, length and reason: the part booking and editing share. */
function SlotFields({
  idPrefix,
  values,
  set,
  errors,
  timeZone,
}: {
  idPrefix: string;
  values: SlotValues;
  set: <K extends keyof SlotValues>(key: K, value: SlotValues[K]) => void;
  errors: Errors;
  timeZone: string;
}) {
  return (
    <>
      <Field
        id={`${idPrefix}-practitioner`}
        name="practitionerMembershipId"
        label="Practitioner"
        error={errors.practitionerMembershipId}
        className="sm:col-span-6"
      >
        {(p) => (
          <PractitionerPicker
            instanceId={`${idPrefix}-practitioner-picker`}
            {...p}
            value={values.practitioner}
            onChange={(v) => set('practitioner', v)}
          />
        )}
      </Field>
      <Field
        id={`${idPrefix}-date`}
        name="date"
        label="Date"
        error={errors.date}
        className="sm:col-span-2"
      >
        {(p) => (
          <Input
            {...p}
            type="date"
            value={values.date}
            onChange={(e) => set('date', e.target.value)}
            required
          />
        )}
      </Field>
      <Field
        id={`${idPrefix}-start`}
        name="startTime"
        label="Start time"
        hint={`Clinic time (${timeZone})`}
        error={errors.startTime}
        className="sm:col-span-2"
      >
        {(p) => (
          <Input
            {...p}
            type="time"
            step={300}
            value={values.startTime}
            onChange={(e) => set('startTime', e.target.value)}
            required
          />
        )}
      </Field>
      <Field
        id={`${idPrefix}-duration`}
        name="durationMinutes"
        label="Duration"
        error={errors.durationMinutes}
        className="sm:col-span-2"
      >
        {(p) => (
          <Select
            {...p}
            options={DURATION_OPTIONS}
            value={values.durationMinutes}
            onChange={(e) => set('durationMinutes', e.target.value)}
          />
        )}
      </Field>
      <Field
        id={`${idPrefix}-reason`}
        name="reason"
        label="Reason"
        hint={`Optional, up to ${REASON_MAX} characters. Visible to everyone who can see the schedule.`}
        error={errors.reason}
        className="sm:col-span-6"
      >
        {(p) => (
          <textarea
            {...p}
            rows={2}
            className={cn(controlClasses, 'resize-y')}
            value={values.reason}
            onChange={(e) => set('reason', e.target.value)}
          />
        )}
      </Field>
    </>
  );
}

/** After a failed submit, keyboard and screen-reader users land on the first field to fix. */
function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, errors: Errors) {
  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [form, errors]);
}

/** The input field each value fills, so an edited value rechecks its own error. */
const FIELD_OF: Record<keyof SlotValues, string> = {
  practitioner: 'practitionerMembershipId',
  date: 'date',
  startTime: 'startTime',
  durationMinutes: 'durationMinutes',
  reason: 'reason',
};

function slotInput(v: SlotValues) {
  return {
    practitionerMembershipId: v.practitioner?.id ?? '',
    date: v.date,
    startTime: v.startTime,
    durationMinutes: v.durationMinutes,
    reason: v.reason,
  };
}

export interface BookAppointmentFormProps {
  timeZone: string;
  timeFormat: TimeFormat;
  /** Today in the clinic: the date field's default. */
  today: string;
  initialPatient?: PatientChoice | null;
}

/** Books an appointment; on success goes to that day's list, where it shows in clinic time. */
export function BookAppointmentForm({
  timeZone,
  timeFormat,
  today,
  initialPatient = null,
}: BookAppointmentFormProps) {
  const router = useRouter();
  const [patient, setPatient] = useState<PatientChoice | null>(initialPatient);
  const [values, setValues] = useState<SlotValues>({
    practitioner: null,
    date: today,
    startTime: '',
    durationMinutes: String(DEFAULT_DURATION),
    reason: '',
  });
  const feedback = useActionFeedback<{ id: string; localDate: string; localStart: string }>({
    success: (r) =>
      `Booked for ${formatDay(r.localDate)} at ${formatWallTime(r.localStart, timeFormat)}.`,
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
      <SlotFields idPrefix="book" values={values} set={set} errors={errors} timeZone={timeZone} />
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
  timeZone: string;
  timeFormat: TimeFormat;
  patient: PatientChoice;
  initial: {
    practitioner: PractitionerChoice;
    date: string;
    startTime: string;
    durationMinutes: number;
    reason: string;
  };
}

/** Reschedules a scheduled appointment or edits its reason. */
export function EditAppointmentForm({
  appointmentId,
  timeZone,
  timeFormat,
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
      `Saved: ${formatDay(r.localDate)} at ${formatWallTime(r.localStart, timeFormat)}.`,
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
      <SlotFields idPrefix="edit" values={values} set={set} errors={errors} timeZone={timeZone} />
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
