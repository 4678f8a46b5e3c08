import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { notFound } from 'next/navigation';
import { EditAppointmentForm } from '@/components/appointments/appointment-form';
import { AppointmentStatusActions } from '@/components/appointments/status-actions';
import { AppointmentStatusBadge } from '@/components/appointments/status-badge';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { bookingHref } from '@/lib/appointments/booking-prefill';
import { can, type ClinicContext } from '@/lib/auth/context';
import { clinicPage } from '@/lib/auth/page-guard';
import { findAppointment } from '@/lib/data/appointments';
import { bookingSettings } from '@/lib/data/schedule';
import { formatDay, formatWallTimeRange } from '@/lib/dates/format';

export const metadata: Metadata = { title: 'Appointment' };

export default clinicPage('appointments.read', AppointmentPage);

async function AppointmentPage(
  ctx: ClinicContext,
  { params }: { params: Promise<{ id: string }> },
) {
  const { id } = await params;
  // A malformed id, a missing one and another clinic's are the same: not found.
  const appointment = await findAppointment(ctx, id);
  if (!appointment) notFound();

  const canManage = can(ctx, 'appointments.manage');
  const editable = appointment.status === 'scheduled' && canManage;
  const day = formatDay(appointment.localDate);
  const hours = formatWallTimeRange(
    appointment.localStart,
    appointment.localEnd,
    appointment.timeFormat,
  );
  const when = `${day}, ${hours}`;

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <Breadcrumbs
        trail={[{ href: '/appointments', label: 'Appointments' }]}
        current="Appointment"
      />
      <PageHeader
        title={when}
        description={`Clinic time (${appointment.timeZone}) · ${appointment.durationMinutes} minutes`}
        actions={
          <>
            {appointment.outsideHours && <Badge tone="warning">Outside working hours</Badge>}
            <AppointmentStatusBadge status={appointment.status} />
          </>
        }
      />
      <Card aria-labelledby="appointment-details">
        <CardHeader id="appointment-details" title="Details" />
        <CardBody>
          <dl className="grid gap-x-6 gap-y-4 text-sm sm:grid-cols-2">
            <div>
              <dt className="font-medium text-slate-600">Patient</dt>
              <dd className="mt-0.5">
                <Link
                  href={`/patients/${appointment.patient.id}`}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {appointment.patient.name}
                </Link>
                <span className="block text-xs text-slate-600">
                  <span className="font-mono">{appointment.patient.mrn}</span> · born{' '}
                  {appointment.patient.dateOfBirth &&
                    formatDay(appointment.patient.dateOfBirth, { weekday: false })}
                </span>
              </dd>
            </div>
            <div>
              <dt className="font-medium text-slate-600">Practitioner</dt>
              <dd className="mt-0.5">
                {appointment.practitioner.name}
                {appointment.practitioner.roleName && (
                  <span className="block text-xs text-slate-600">
                    {appointment.practitioner.roleName}
                  </span>
                )}
              </dd>
            </div>
            <div className="sm:col-span-2">
              <dt className="font-medium text-slate-600">Reason</dt>
              <dd className="mt-0.5 whitespace-pre-line">
                {appointment.reason ?? <span className="text-slate-500">None given</span>}
              </dd>
            </div>
          </dl>
        </CardBody>
      </Card>

      {editable && (
        <>
          <Card aria-labelledby="appointment-status">
            <CardHeader
              id="appointment-status"
              title="Status"
              description="Record what happened, or cancel to free the slot."
            />
            <CardBody>
              <AppointmentStatusActions
                appointmentId={appointment.id}
                started={appointment.started}
                summary={`${when} with ${appointment.practitioner.name}`}
              />
            </CardBody>
          </Card>
          <Card aria-labelledby="appointment-edit">
            <CardHeader id="appointment-edit" title="Reschedule or edit" />
            <CardBody className="py-6">
              <EditAppointmentForm
                appointmentId={appointment.id}
                schedule={await bookingSettings(ctx)}
                patient={{
                  id: appointment.patient.id,
                  label: appointment.patient.name,
                  mrn: appointment.patient.mrn,
                  dateOfBirth: appointment.patient.dateOfBirth,
                }}
                initial={{
                  practitioner: {
                    id: appointment.practitioner.id,
                    label: appointment.practitioner.name,
                    role: appointment.practitioner.role,
                    email: '',
                  },
                  date: appointment.localDate,
                  startTime: appointment.localStart,
                  durationMinutes: appointment.durationMinutes,
                  reason: appointment.reason ?? '',
                  outsideHours: appointment.outsideHours,
                }}
              />
            </CardBody>
          </Card>
        </>
      )}
      {appointment.status === 'cancelled' && (
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-sm text-slate-600">
            This appointment was cancelled; its slot is free.
          </p>
          {canManage && (
            <Link
              href={bookingHref({
                patientId: appointment.patient.id,
                practitionerId: appointment.practitioner.id,
                duration: appointment.durationMinutes,
              })}
              className={buttonClasses('primary', 'sm')}
            >
              Book again
            </Link>
          )}
        </div>
      )}
      {appointment.status !== 'scheduled' && appointment.status !== 'cancelled' && (
        <p className="text-sm text-slate-600">
          This appointment is closed and can no longer be changed.
        </p>
      )}
    </div>
  );
}
