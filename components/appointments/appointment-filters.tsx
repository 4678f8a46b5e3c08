'use client';
import { useQueryStates } from 'nuqs';
import { useState, useTransition, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { appointmentSearchParams } from '@/lib/appointments/search-params';
import {
  APPOINTMENT_STATUSES,
  STATUS_LABELS,
  type AppointmentStatus,
} from '@/lib/appointments/schemas';
import { daysBetween, isIsoDate, shiftDate } from '@/lib/appointments/time';
import { FIRST_PAGE } from '@/lib/pagination/cursor';

const STATUS_OPTIONS = [
  { value: '', label: 'All statuses' },
  ...APPOINTMENT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
];

/**
 * The list's filters, kept in the URL (nuqs): a date range in clinic-local days and a status.
 * Applying goes back to page 1 and re-renders the server page; the button shows the wait.
 */
export function AppointmentFilters({
  from,
  to,
  status,
  today,
}: {
  /** The range the page shows (defaults already applied on the server). */
  from: string;
  to: string;
  status: AppointmentStatus | null;
  today: string;
}) {
  const [isPending, startTransition] = useTransition();
  const [, setParams] = useQueryStates(appointmentSearchParams, {
    shallow: false,
    history: 'push',
    startTransition,
  });
  const [values, setValues] = useState({ from, to, status: status ?? '' });
  const [error, setError] = useState<string | null>(null);

  function apply(next: { from: string; to: string; status: string }) {
    if (!isIsoDate(next.from) || !isIsoDate(next.to)) {
      setError('Enter both dates.');
      return;
    }
    if (daysBetween(next.from, next.to) < 0) {
      setError('The end date is before the start date.');
      return;
    }
    setError(null);
    setValues(next);
    void setParams({
      from: next.from,
      to: next.to,
      status: (next.status || null) as AppointmentStatus | null,
      ...FIRST_PAGE,
    });
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    apply(values);
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label="Filter appointments"
      className="flex flex-wrap items-end gap-3"
    >
      <Field id="filter-from" label="From" error={error ?? undefined} className="w-40">
        {(p) => (
          <Input
            {...p}
            type="date"
            value={values.from}
            onChange={(e) => setValues((v) => ({ ...v, from: e.target.value }))}
          />
        )}
      </Field>
      <Field id="filter-to" label="To" className="w-40">
        {(p) => (
          <Input
            {...p}
            type="date"
            value={values.to}
            onChange={(e) => setValues((v) => ({ ...v, to: e.target.value }))}
          />
        )}
      </Field>
      <Field id="filter-status" label="Status" className="w-40">
        {(p) => (
          <Select
            {...p}
            options={STATUS_OPTIONS}
            value={values.status}
            onChange={(e) => setValues((v) => ({ ...v, status: e.target.value }))}
          />
        )}
      </Field>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" variant="secondary" pending={isPending}>
          Apply
        </Button>
        <Button
          variant="ghost"
          disabled={isPending}
          onClick={() => apply({ from: today, to: today, status: values.status })}
        >
          Today
        </Button>
        <Button
          variant="ghost"
          disabled={isPending}
          onClick={() => apply({ from: today, to: shiftDate(today, 7), status: '' })}
        >
          Next 7 days
        </Button>
      </div>
    </form>
  );
}
