import type { Metadata } from 'next';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import type { SearchParams } from 'nuqs/server';
import { BookAppointmentForm } from '@/components/appointments/appointment-form';
import { Card, CardBody } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import {
  loadBookingPrefill,
  validPrefillDuration,
  validPrefillTime,
} from '@/lib/appointments/booking-prefill';
import { can, type ClinicContext } from '@/lib/auth/context';
import { clinicPage } from '@/lib/auth/page-guard';
import { findPatientChoice } from '@/lib/data/appointments';
import { bookingSettings } from '@/lib/data/schedule';
import { findPractitionerChoice } from '@/lib/data/staff';

export const metadata: Metadata = { title: 'Book an appointment' };

export default clinicPage('appointments.manage', NewAppointmentPage);

async function NewAppointmentPage(
  ctx: ClinicContext,
  {
    searchParams,
  }: {
    searchParams: Promise<SearchParams>;
  },
) {
  const prefill = loadBookingPrefill(await searchParams);
  // The prefill (from a patient's page, the calendar or "Book again") is used only for this
  // clinic's patient (if the user may see patients) and bookable practitioner; else ignored.
  const initialPatient =
    prefill.patientId && can(ctx, 'patients.read')
      ? ((await findPatientChoice(ctx, prefill.patientId)) ?? null)
      : null;
  const practitioner = prefill.practitionerId
    ? ((await findPractitionerChoice(ctx, prefill.practitionerId)) ?? null)
    : null;
  const schedule = await bookingSettings(ctx);

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <Breadcrumbs
        trail={[{ href: '/appointments', label: 'Appointments' }]}
        current="Book an appointment"
      />
      <PageHeader
        title="Book an appointment"
        description={`Enter the time as the clinic sees it (${schedule.timeZone}).`}
      />
      <Card>
        <CardBody className="py-6">
          <BookAppointmentForm
            schedule={schedule}
            initialPatient={initialPatient}
            initial={{
              practitioner,
              date: prefill.date,
              startTime: validPrefillTime(prefill.start),
              durationMinutes: validPrefillDuration(prefill.duration),
            }}
          />
        </CardBody>
      </Card>
    </div>
  );
}
