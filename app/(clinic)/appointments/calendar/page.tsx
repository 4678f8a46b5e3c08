import type { Metadata } from 'next';
import Link from 'next/link';
import type { SearchParams } from 'nuqs/server';
import { AppointmentCalendar } from '@/components/appointments/calendar/appointment-calendar';
import { buttonClasses } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { bookingHref } from '@/lib/appointments/booking-prefill';
import { loadCalendarSearchParams } from '@/lib/appointments/calendar';
import { todayIn } from '@/lib/appointments/time';
import { can, type ClinicContext } from '@/lib/auth/context';
import { clinicPage } from '@/lib/auth/page-guard';
import { calendarData } from '@/lib/data/schedule';

export const metadata: Metadata = { title: 'Calendar' };

export default clinicPage('appointments.read', CalendarPage);

async function CalendarPage(
  ctx: ClinicContext,
  { searchParams }: { searchParams: Promise<SearchParams> },
) {
  const params = loadCalendarSearchParams(await searchParams);
  const data = await calendarData(ctx, { date: params.date, view: params.view ?? 'week' });
  const canManage = can(ctx, 'appointments.manage');

  return (
    <div className="space-y-4">
      <PageHeader
        title="Calendar"
        description={`Clinic time (${data.timeZone}). Working hours: ${data.workingHours}; closed hours are greyed out.${canManage ? ' Click a free slot to book it (or use a practitioner’s Book link in the day view); drag an appointment to move it.' : ''}`}
        actions={
          <>
            <Link href="/appointments" className={buttonClasses('secondary')}>
              List
            </Link>
            {canManage && (
              <Link
                // The day on screen, unless it has passed.
                href={bookingHref({ date: data.date >= todayIn(data.timeZone) ? data.date : null })}
                className={buttonClasses('primary')}
              >
                Book appointment
              </Link>
            )}
          </>
        }
      />
      {data.truncated && (
        <p className="text-sm text-amber-900">
          Only the first appointments of this range are shown; switch to the day view.
        </p>
      )}
      <AppointmentCalendar data={data} viewInUrl={params.view} canManage={canManage} />
    </div>
  );
}
