import type { Metadata } from 'next';
import Link from 'next/link';
import type { SearchParams } from 'nuqs/server';
import { AppointmentFilters } from '@/components/appointments/appointment-filters';
import { AppointmentTable } from '@/components/appointments/appointment-table';
import { AppointmentsCsvButton } from '@/components/exports/export-buttons';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { KeysetPager } from '@/components/ui/keyset-pager';
import { PageHeader } from '@/components/ui/page-header';
import {
  loadAppointmentSearchParams,
  serializeAppointmentSearchParams,
} from '@/lib/appointments/search-params';
import { STATUS_LABELS } from '@/lib/appointments/schemas';
import { can, type ClinicContext } from '@/lib/auth/context';
import { clinicPage } from '@/lib/auth/page-guard';
import { listAppointments } from '@/lib/data/appointments';
import { formatDayRange } from '@/lib/dates/format';

export const metadata: Metadata = { title: 'Appointments' };

export default clinicPage('appointments.read', AppointmentsPage);

async function AppointmentsPage(
  ctx: ClinicContext,
  {
    searchParams,
  }: {
    searchParams: Promise<SearchParams>;
  },
) {
  const params = loadAppointmentSearchParams(await searchParams);
  const list = await listAppointments(ctx, params);
  const canManage = can(ctx, 'appointments.manage');
  const canExport = can(ctx, 'patients.export');
  const range = formatDayRange(list.from, list.to);
  const statusText = list.status ? `${STATUS_LABELS[list.status].toLowerCase()} ` : '';

  return (
    <div className="space-y-6">
      <PageHeader
        title="Appointments"
        description={`Times are in the clinic's timezone, ${list.timeZone}.`}
        actions={
          <>
            <Link href="/appointments/calendar" className={buttonClasses('secondary')}>
              Calendar
            </Link>
            {canExport && (
              <AppointmentsCsvButton
                range={{ from: list.from, to: list.to, status: list.status }}
              />
            )}
            {canManage && (
              <Link href="/appointments/new" className={buttonClasses('primary')}>
                Book appointment
              </Link>
            )}
          </>
        }
      />
      <AppointmentFilters
        // Remount when the URL changes (back / forward), so the fields show what the list shows.
        key={`${list.from}|${list.to}|${list.status ?? ''}`}
        from={list.from}
        to={list.to}
        status={list.status}
        today={list.today}
      />
      <Card aria-labelledby="appointments-heading">
        <h2
          id="appointments-heading"
          className="border-b border-slate-100 px-5 py-3 text-sm font-medium text-slate-700"
        >
          {list.total.toLocaleString('en-US')}
          {list.totalCapped ? '+' : ''}{' '}
          {list.total === 1 && !list.totalCapped ? 'appointment' : 'appointments'}
          {list.status && ` · ${STATUS_LABELS[list.status]}`} · {range}
        </h2>
        <AppointmentTable
          rows={list.rows}
          timeFormat={list.timeFormat}
          today={list.today}
          caption={`Appointments, ${range}`}
          testId="appointment-rows"
          empty={
            <>
              No {statusText}appointments in this range.
              {canManage && (
                <>
                  {' '}
                  <Link
                    href="/appointments/new"
                    className="font-medium text-brand-700 hover:underline"
                  >
                    Book one
                  </Link>
                  .
                </>
              )}
            </>
          }
        />
        {list.rows.length > 0 && (
          <KeysetPager
            page={list}
            shown={list.rows.length}
            noun={['appointment', 'appointments']}
            hrefFor={(cursor) =>
              `/appointments${serializeAppointmentSearchParams({
                from: params.from,
                to: params.to,
                status: params.status,
                ...cursor,
              })}`
            }
          />
        )}
      </Card>
    </div>
  );
}
