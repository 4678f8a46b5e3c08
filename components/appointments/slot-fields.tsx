'use client';
import { PractitionerPicker } from '@/components/pickers/practitioner-picker';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { Input, controlClasses } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { cn } from '@/components/ui/cn';
import { REASON_MAX, durationOptions } from '@/lib/appointments/schemas';
import type { PractitionerChoice } from '@/lib/appointments/types';
import type { TimeFormat } from '@/lib/dates/format';
import { FreeSlotSuggestions } from './free-slot-suggestions';

export interface SlotValues {
  practitioner: PractitionerChoice | null;
  date: string;
  startTime: string;
  durationMinutes: string;
  reason: string;
  outsideHours: boolean;
}

export type Errors = Partial<Record<string, string>>;

/** The clinic's schedule as the form shows it. */
export interface ScheduleHints {
  timeZone: string;
  timeFormat: TimeFormat;
  /** Today in the clinic: no earlier date is offered. */
  today: string;
  workingHours: string;
  slotMinutes: number;
}

/**
 * Practitioner, next free slots, date, start time, length, the outside-hours confirmation and
 * the reason: the part booking and editing share.
 */
export function SlotFields({
  idPrefix,
  values,
  set,
  errors,
  schedule,
  exceptId,
}: {
  idPrefix: string;
  values: SlotValues;
  set: <K extends keyof SlotValues>(key: K, value: SlotValues[K]) => void;
  errors: Errors;
  schedule: ScheduleHints;
  /** The appointment being edited: its own slot counts as free. */
  exceptId?: string;
}) {
  const durations = durationOptions(
    schedule.slotMinutes,
    Number(values.durationMinutes) || undefined,
  );
  return (
    <>
      <Field
        id={`${idPrefix}-practitioner`}
        name="practitionerMembershipId"
        label="Practitioner"
        hint="Doctors and nurses of this clinic."
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
      <FreeSlotSuggestions
        timeFormat={schedule.timeFormat}
        practitionerId={values.practitioner?.id ?? null}
        durationMinutes={values.durationMinutes}
        from={values.date >= schedule.today ? values.date : schedule.today}
        exceptId={exceptId}
        onPick={(slot) => {
          set('date', slot.date);
          set('startTime', slot.startTime);
        }}
      />
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
            min={schedule.today}
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
        hint={`Clinic time (${schedule.timeZone})`}
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
            options={durations.map((d) => ({ value: String(d), label: `${d} minutes` }))}
            value={values.durationMinutes}
            onChange={(e) => set('durationMinutes', e.target.value)}
          />
        )}
      </Field>
      <Checkbox
        id={`${idPrefix}-outside-hours`}
        name="outsideHours"
        className="sm:col-span-6"
        label="Book outside working hours"
        description={`Working hours: ${schedule.workingHours}. Tick to book another time on purpose; the appointment shows it.`}
        checked={values.outsideHours}
        onChange={(e) => set('outsideHours', e.target.checked)}
      />
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

export function slotInput(v: SlotValues) {
  return {
    practitionerMembershipId: v.practitioner?.id ?? '',
    date: v.date,
    startTime: v.startTime,
    durationMinutes: v.durationMinutes,
    reason: v.reason,
    outsideHours: v.outsideHours,
  };
}
