import type { Metadata } from 'next';
import Link from 'next/link';
import type { SearchParams } from 'nuqs/server';
import { AppointmentCalendar } from '@/components/appointments/calendar/appointment-calendar';
import { buttonClasses } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { loadCalendarSearchParams } from '@/lib/appointments/calendar';
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
        description={`Clinic time (${data.timeZone}). Working hours: ${data.workingHours}; closed hours are greyed out.${canManage ? ' Click a free slot to book it; drag an appointment to move it.' : ''}`}
        actions={
          <>
            <Link href="/appointments" className={buttonClasses('secondary')}>
              List
            </Link>
            {canManage && (
              <Link href="/appointments/new" className={buttonClasses('primary')}>
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
