import type { Metadata } from 'next';
import Link from 'next/link';
import { AppointmentTable } from '@/components/appointments/appointment-table';
import { BarChart } from '@/components/charts/bar-chart';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { can, type ClinicContext } from '@/lib/auth/context';
import { clinicPage } from '@/lib/auth/page-guard';
import { CHART_DAYS, loadDashboard } from '@/lib/data/dashboard';
import { clinicDisplayName } from '@/lib/data/settings';
import { formatDay, formatDayRange } from '@/lib/dates/format';

function Stat({
  label,
  value,
  detail,
  href,
  testId,
}: {
  label: string;
  value: number;
  detail?: string;
  href?: string;
  testId: string;
}) {
  const body = (
    <>
      <p className="text-sm font-medium text-slate-600">{label}</p>
      <p className="mt-1 text-3xl font-semibold tracking-tight text-slate-900 tabular-nums">
        <span data-testid={testId}>{value}</span>
      </p>
      {detail && <p className="mt-1 text-xs text-slate-600">{detail}</p>}
    </>
  );
  const box = 'block rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-xs';
  return href ? (
    <Link
      href={href}
      className={`${box} hover:border-slate-300 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600`}
    >
      {body}
    </Link>
  ) : (
    <div className={box}>{body}</div>
  );
}

export const metadata: Metadata = { title: 'Home' };

export default clinicPage(undefined, HomePage);

async function HomePage(ctx: ClinicContext) {
  const d = await loadDashboard(ctx);
  const displayName = await clinicDisplayName(ctx);
  const canBook = can(ctx, 'appointments.manage');
  const todayLabel = formatDay(d.today, { long: true });

  return (
    <div className="space-y-8">
      <section>
        <h1 className="text-2xl font-semibold tracking-tight" data-testid="clinic-name">
          {displayName}
        </h1>
        <p className="mt-1 text-slate-600">
          {todayLabel} · clinic time {d.timeZone}
        </p>
      </section>

      <section className="grid gap-4 sm:grid-cols-3" aria-label="Clinic at a glance">
        {d.patients && (
          <Stat label="Patients" value={d.patients.count} href="/patients" testId="patient-count" />
        )}
        {d.appointments && (
          <Stat
            label="Appointments this week"
            value={d.appointments.thisWeek}
            detail={`${formatDayRange(d.weekStart, d.weekEnd)}, not counting cancelled`}
            href={`/appointments?from=${d.weekStart}&to=${d.weekEnd}`}
            testId="appointments-week-count"
          />
        )}
        {d.exports && (
          <Stat label="Exports" value={d.exports.count} href="/exports" testId="export-count" />
        )}
      </section>

      <div className="grid items-start gap-6 lg:grid-cols-5">
        {d.appointments && (
          <Card aria-labelledby="today-heading" className="lg:col-span-3">
            <CardHeader
              id="today-heading"
              title="Today's appointments"
              description={
                d.appointments.today.length === 0
                  ? 'Nothing booked today.'
                  : `${d.appointments.today.length} today, clinic time`
              }
              actions={
                <>
                  <Link
                    href={`/appointments?from=${d.today}&to=${d.today}`}
                    className={buttonClasses('ghost', 'sm')}
                  >
                    View in list
                  </Link>
                  {canBook && (
                    <Link href="/appointments/new" className={buttonClasses('primary', 'sm')}>
                      Book
                    </Link>
                  )}
                </>
              }
            />
            <AppointmentTable
              rows={d.appointments.today}
              timeFormat={d.timeFormat}
              today={d.today}
              caption={`Appointments today, ${todayLabel}`}
              showDate={false}
              showReason={false}
              testId="today-appointments"
              empty="No appointments today."
            />
          </Card>
        )}
        <div className={d.appointments ? 'space-y-6 lg:col-span-2' : 'space-y-6 lg:col-span-5'}>
          {d.appointments && (
            <Card aria-labelledby="chart-heading">
              <CardHeader
                id="chart-heading"
                title="Appointments per day"
                description={`Last ${CHART_DAYS} days, not counting cancelled`}
              />
              <div className="px-5 py-4">
                <BarChart
                  id="appointments-per-day"
                  title={`Appointments per day, last ${CHART_DAYS} days`}
                  unit="appointments"
                  data={d.appointments.perDay.map((p) => ({
                    label: formatDay(p.date),
                    tick: formatDay(p.date, { weekday: false, year: false }),
                    value: p.count,
                    highlight: p.date === d.today,
                  }))}
                  tickEvery={7}
                />
              </div>
            </Card>
          )}
          {d.patients && (
            <Card aria-labelledby="recent-heading">
              <CardHeader id="recent-heading" title="Recently added patients" />
              {d.patients.recent.length === 0 ? (
                <p className="px-5 py-6 text-sm text-slate-600">No patients yet.</p>
              ) : (
                <ul className="divide-y divide-slate-100" data-testid="recent-patients">
                  {d.patients.recent.map((p) => (
                    <li key={p.id}>
                      <Link
                        href={`/patients/${p.id}`}
                        className="flex justify-between gap-3 px-5 py-2.5 text-sm hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-inset"
                      >
                        <span>{p.name}</span>
                        <span className="font-mono text-slate-600">{p.mrn}</span>
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          )}
        </div>
      </div>
    </div>
  );
}
