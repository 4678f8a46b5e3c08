'use client';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useClinicAction } from '@/components/forms/use-clinic-action';
import { PatientPicker, type PatientChoice } from '@/components/pickers/patient-picker';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { requestAppointmentsCsvAction } from '@/lib/actions/exports/request-appointments-csv';
import { requestMonthlyReportAction } from '@/lib/actions/exports/request-monthly-report';
import { requestPatientSummaryAction } from '@/lib/actions/exports/request-patient-summary';
import { requestPatientsCsvAction } from '@/lib/actions/exports/request-patients-csv';
import { APPOINTMENT_STATUSES, STATUS_LABELS } from '@/lib/appointments/schemas';
import { EXPORT_KIND_LABELS } from '@/lib/exports/types';
import { PATIENT_SEXES, SEX_LABELS } from '@/lib/patients/constants';
import { Queued, useExportRequest } from './export-buttons';

/** Clinic-local defaults the page computes: this month's days, and the months a report may cover. */
export interface StartExportDefaults {
  monthStart: string;
  monthEnd: string;
  /** The month now running (YYYY-MM): the latest a report may cover. */
  currentPeriod: string;
  /** The month before it: the usual report. */
  previousPeriod: string;
}

const ANY = '';
const sexOptions = [
  { value: ANY, label: 'Any' },
  ...PATIENT_SEXES.map((s) => ({ value: s, label: SEX_LABELS[s] })),
];
const statusOptions = [
  { value: ANY, label: 'Any status' },
  ...APPOINTMENT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
];

/** One export kind's small form: a heading, its fields, the start button and what happened. */
function StartForm({
  id,
  title,
  description,
  submitLabel,
  pending,
  queued,
  onSubmit,
  children,
}: {
  id: string;
  title: string;
  description: ReactNode;
  submitLabel: string;
  pending: boolean;
  queued: ReturnType<typeof useExportRequest>['queued'];
  onSubmit: () => void;
  children?: ReactNode;
}) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form
      onSubmit={submit}
      aria-labelledby={`${id}-title`}
      className="flex flex-col gap-3 rounded-lg border border-slate-200 p-4"
      data-testid={`start-${id}`}
      noValidate
    >
      <div>
        <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
          {title}
        </h3>
        <p className="text-xs text-slate-600">{description}</p>
      </div>
      {children}
      <div className="mt-auto flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" pending={pending} pendingLabel="Starting…">
          {submitLabel}
        </Button>
        <Queued result={queued} />
      </div>
    </form>
  );
}

/** A filter's select, its first option "any" (no filter). */
function FilterSelect({
  onChange,
  options,
  value,
  ...field
}: {
  id: string;
  name: string;
  label: string;
  options: { value: string; label: string }[];
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  return (
    <Field {...field}>
      {(p) => (
        <Select {...p} options={options} value={value} onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  );
}

function PatientsCsvForm() {
  const request = useExportRequest();
  const action = useClinicAction(requestPatientsCsvAction, request.callbacks);
  const [q, setQ] = useState('');
  const [sex, setSex] = useState(ANY);
  return (
    <StartForm
      id="patients-csv"
      title={EXPORT_KIND_LABELS.patients_csv}
      description="Every patient, or those matching a search. The patient list's Export CSV keeps all its filters."
      submitLabel="Export patients"
      pending={action.isPending}
      queued={request.queued}
      onSubmit={() =>
        action.execute({
          q,
          sex: sex === ANY ? null : (sex as (typeof PATIENT_SEXES)[number]),
          idempotencyKey: request.idempotencyKey,
        })
      }
    >
      <Field
        id="export-patients-q"
        name="q"
        label="Name or MRN (optional)"
        error={request.fieldErrors.q}
      >
        {(p) => <Input {...p} value={q} onChange={(e) => setQ(e.target.value)} />}
      </Field>
      <FilterSelect
        id="export-patients-sex"
        name="sex"
        label="Sex"
        options={sexOptions}
        value={sex}
        onChange={setSex}
        error={request.fieldErrors.sex}
      />
    </StartForm>
  );
}

function AppointmentsCsvForm({ defaults }: { defaults: StartExportDefaults }) {
  const request = useExportRequest();
  const action = useClinicAction(requestAppointmentsCsvAction, request.callbacks);
  const [from, setFrom] = useState(defaults.monthStart);
  const [to, setTo] = useState(defaults.monthEnd);
  const [status, setStatus] = useState(ANY);
  const errors = request.fieldErrors;
  return (
    <StartForm
      id="appointments-csv"
      title={EXPORT_KIND_LABELS.appointments_csv}
      description="Appointments starting between two days (both included), times in the clinic's timezone."
      submitLabel="Export appointments"
      pending={action.isPending}
      queued={request.queued}
      onSubmit={() =>
        action.execute({
          from,
          to,
          status: status === ANY ? null : (status as (typeof APPOINTMENT_STATUSES)[number]),
          idempotencyKey: request.idempotencyKey,
        })
      }
    >
      <div className="grid grid-cols-2 gap-3">
        <Field id="export-appointments-from" name="from" label="From" error={errors.from}>
          {(p) => (
            <Input {...p} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          )}
        </Field>
        <Field id="export-appointments-to" name="to" label="To" error={errors.to}>
          {(p) => <Input {...p} type="date" value={to} onChange={(e) => setTo(e.target.value)} />}
        </Field>
      </div>
      <FilterSelect
        id="export-appointments-status"
        name="status"
        label="Status"
        options={statusOptions}
        value={status}
        onChange={setStatus}
        error={errors.status}
      />
    </StartForm>
  );
}

function MonthlyReportForm({ defaults }: { defaults: StartExportDefaults }) {
  const request = useExportRequest();
  const action = useClinicAction(requestMonthlyReportAction, request.callbacks);
  const [period, setPeriod] = useState(defaults.previousPeriod);
  return (
    <StartForm
      id="monthly-report"
      title={EXPORT_KIND_LABELS.monthly_report}
      description="New patients and appointments by status and practitioner for one month (the current month so far). It replaces the scheduled report of that month."
      submitLabel="Make report"
      pending={action.isPending}
      queued={request.queued}
      onSubmit={() => action.execute({ period, idempotencyKey: request.idempotencyKey })}
    >
      <Field
        id="export-report-period"
        name="period"
        label="Month"
        hint="YYYY-MM"
        error={request.fieldErrors.period}
      >
        {(p) => (
          <Input
            {...p}
            type="month"
            max={defaults.currentPeriod}
            value={period}
            onChange={(e) => setPeriod(e.target.value)}
          />
        )}
      </Field>
    </StartForm>
  );
}

function PatientSummaryForm() {
  const request = useExportRequest();
  const action = useClinicAction(requestPatientSummaryAction, request.callbacks);
  const [patient, setPatient] = useState<PatientChoice | null>(null);
  const [missing, setMissing] = useState(false);
  return (
    <StartForm
      id="patient-summary"
      title={EXPORT_KIND_LABELS.patient_summary_pdf}
      description="Prepared in the background and kept here. To print one at once, use Print summary on the patient's record."
      submitLabel="Prepare summary"
      pending={action.isPending}
      queued={request.queued}
      onSubmit={() => {
        setMissing(!patient);
        if (patient)
          action.execute({ patientId: patient.id, idempotencyKey: request.idempotencyKey });
      }}
    >
      <Field
        id="export-summary-patient"
        name="patientId"
        label="Patient"
        error={missing ? 'Choose a patient' : request.fieldErrors.patientId}
      >
        {(p) => (
          <PatientPicker
            instanceId="export-summary-patient-picker"
            {...p}
            value={patient}
            onChange={(choice) => {
              setPatient(choice);
              if (choice) setMissing(false);
            }}
          />
        )}
      </Field>
    </StartForm>
  );
}

/** Starts any export from the Exports page; the table below shows it as it runs. */
export function StartExport({ defaults }: { defaults: StartExportDefaults }) {
  return (
    <div className="grid gap-4 p-4 sm:p-5 lg:grid-cols-2">
      <PatientsCsvForm />
      <AppointmentsCsvForm defaults={defaults} />
      <MonthlyReportForm defaults={defaults} />
      <PatientSummaryForm />
    </div>
  );
}
