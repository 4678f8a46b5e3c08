import { differenceInYears } from 'date-fns';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { notFound, unstable_rethrow } from 'next/navigation';
import { cache } from 'react';
import { z } from 'zod';
import { AppointmentStatusBadge } from '@/components/appointments/status-badge';
import { PatientDetails } from '@/components/patients/patient-details';
import { PatientDocuments } from '@/components/patients/patient-documents';
import { PrintSummaryLink } from '@/components/patients/print-summary-link';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyRow, TBody, TD, TH, THead, TR, Table } from '@/components/ui/table';
import { bookingHref } from '@/lib/appointments/booking-prefill';
import { todayIn } from '@/lib/appointments/time';
import { can, requirePermission, type ClinicContext } from '@/lib/auth/context';
import { clinicPage } from '@/lib/auth/page-guard';
import { listPatientDocuments } from '@/lib/data/patient-documents';
import { getPatientForView } from '@/lib/data/patients';
import { formatInstantDate, formatInstantTime, type ClinicClock } from '@/lib/dates/format';
import { NotFoundError } from '@/lib/errors';
import type { PatientAppointment, PatientDetail } from '@/lib/patients/types';

const idSchema = z.uuid();

/**
 * The record, read (and its view audited) once per request: the tab title and the page share it.
 * A malformed id and another clinic's id end on the same 404 page as a missing one.
 */
const viewPatient = cache(async (id: string) => {
  if (!idSchema.safeParse(id).success) notFound();
  return loadOr404(await requirePermission('patients.read'), id);
});

// A record page is named by its MRN only: no PHI in titles, tabs or browser history.
export async function generateMetadata({
  params,
}: {
  params: Promise<{ id: string }>;
}): Promise<Metadata> {
  try {
    return { title: `${(await viewPatient((await params).id)).mrn} · Patient` };
  } catch (err) {
    // Redirects and 404s go on; any other refusal is the page's to show (clinicPage).
    unstable_rethrow(err);
    return { title: 'Patient' };
  }
}

async function loadOr404(ctx: Parameters<typeof getPatientForView>[0], id: string) {
  try {
    return await getPatientForView(ctx, id);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}

function ageOf(p: PatientDetail): string {
  const today = todayIn(p.timeZone);
  const years = differenceInYears(
    new Date(`${today}T00:00:00`),
    new Date(`${p.dateOfBirth}T00:00:00`),
  );
  return years === 1 ? '1 year' : `${years} years`;
}

export default clinicPage('patients.read', PatientPage);

async function PatientPage(ctx: ClinicContext, { params }: { params: Promise<{ id: string }> }) {
  const patient = await viewPatient((await params).id);
  const documents = await listPatientDocuments(ctx, patient.id);
  const canEdit = can(ctx, 'patients.update');
  const canDownload = can(ctx, 'exports.download');
  const canBook = can(ctx, 'appointments.manage');
  const clock: ClinicClock = { timeZone: patient.timeZone, timeFormat: patient.timeFormat };
  const today = todayIn(patient.timeZone);

  return (
    <div className="space-y-6">
      <Breadcrumbs trail={[{ href: '/patients', label: 'Patients' }]} current={patient.mrn} />
      <PageHeader
        title={
          <span data-testid="patient-name">
            {patient.familyName}, {patient.givenName}
          </span>
        }
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <Badge tone="info">
              <span className="font-mono" data-testid="patient-mrn">
                {patient.mrn}
              </span>
            </Badge>
            <span>Registered {formatInstantDate(patient.createdAt, clock)}</span>
          </span>
        }
        actions={
          (canDownload || canBook) && (
            <>
              {canDownload && <PrintSummaryLink patientId={patient.id} />}
              {canBook && (
                <Link
                  href={bookingHref({ patientId: patient.id })}
                  className={buttonClasses('primary')}
                >
                  Book appointment
                </Link>
              )}
            </>
          )
        }
      />
      <PatientDetails
        canEdit={canEdit}
        patient={{
          id: patient.id,
          givenName: patient.givenName,
          familyName: patient.familyName,
          dateOfBirth: patient.dateOfBirth,
          sex: patient.sex,
          phone: patient.phone,
          email: patient.email,
          addressLine: patient.addressLine,
          city: patient.city,
          postalCode: patient.postalCode,
          portalEmail: patient.portalEmail,
          age: ageOf(patient),
        }}
      />
      <AppointmentsCard
        id="upcoming"
        title="Upcoming appointments"
        empty="No upcoming appointments."
        rows={patient.upcoming}
        clock={clock}
        today={today}
      />
      <AppointmentsCard
        id="past"
        title="Past appointments"
        empty="No past appointments."
        rows={patient.past}
        clock={clock}
        today={today}
      />
      <PatientDocuments
        patientId={patient.id}
        documents={documents}
        clock={clock}
        canUpload={canEdit}
        canDownload={canDownload}
      />
    </div>
  );
}

function AppointmentsCard({
  id,
  title,
  empty,
  rows,
  clock,
  today,
}: {
  id: string;
  title: string;
  empty: string;
  rows: PatientAppointment[];
  clock: ClinicClock;
  /** The clinic's date today: rows show the year only for another year. */
  today: string;
}) {
  const timeZone = clock.timeZone;
  return (
    <Card aria-labelledby={`${id}-heading`}>
      <CardHeader
        id={`${id}-heading`}
        title={title}
        description={`Times in the clinic's timezone (${timeZone}).${rows.length >= 20 ? ' The 20 nearest are shown.' : ''}`}
      />
      <Table caption={title}>
        <THead>
          <TR>
            <TH>Date</TH>
            <TH>Time</TH>
            <TH>Practitioner</TH>
            <TH>Reason</TH>
            <TH>Status</TH>
          </TR>
        </THead>
        <TBody>
          {rows.length === 0 ? (
            <EmptyRow colSpan={5}>{empty}</EmptyRow>
          ) : (
            rows.map((a) => (
              <TR key={a.id} data-testid={`${id}-appointment`}>
                <TD className="whitespace-nowrap">
                  <Link
                    href={`/appointments/${a.id}`}
                    className="font-medium text-brand-700 underline-offset-2 hover:underline"
                  >
                    {formatInstantDate(a.startsAt, clock, { weekday: true, today })}
                  </Link>
                </TD>
                <TD className="whitespace-nowrap tabular-nums">
                  {formatInstantTime(a.startsAt, clock)}–{formatInstantTime(a.endsAt, clock)}
                </TD>
                <TD>{a.practitionerName}</TD>
                <TD>{a.reason ?? <span className="text-slate-400">—</span>}</TD>
                <TD>
                  <AppointmentStatusBadge status={a.status} />
                </TD>
              </TR>
            ))
          )}
        </TBody>
      </Table>
    </Card>
  );
}
