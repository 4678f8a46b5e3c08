import 'server-only';
import { and, count, desc, eq, gte, isNull, lt, ne, sql } from 'drizzle-orm';
import { appointments, fileAttachments, patients } from '@/db/schema';
import { isoWeekday, localDaysRange, shiftDate, todayIn } from '@/lib/appointments/time';
import type { AppointmentListItem } from '@/lib/appointments/types';
import { can, type ClinicContext } from '@/lib/auth/context';
import { readCounter } from '@/lib/counters';
import { PATIENTS_TOTAL_COUNTER } from '@/lib/patients/constants';
import type { TimeFormat } from '@/lib/dates/format';
import { appointmentsOnDay, clinicClock } from './appointments';

export const CHART_DAYS = 30;

export interface DayCount {
  /** Clinic-local date, YYYY-MM-DD. */
  date: string;
  count: number;
}

/** Each section is present only when the user's role may see it (null otherwise). */
export interface Dashboard {
  timeZone: string;
  timeFormat: TimeFormat;
  today: string;
  weekStart: string;
  weekEnd: string;
  patients: {
    count: number;
    recent: { id: string; name: string; mrn: string }[];
  } | null;
  appointments: {
    today: AppointmentListItem[];
    thisWeek: number;
    /** The last CHART_DAYS clinic-local days up to today, oldest first, cancelled ones left out. */
    perDay: DayCount[];
  } | null;
  exports: { count: number } | null;
}

/**
 * The clinic home page: counts, today's schedule and a month of appointments per day, all in the
 * clinic's timezone and read in one tenant transaction. Sections the role may not read are not
 * queried at all.
 */
export async function loadDashboard(
  ctx: Pick<ClinicContext, 'db' | 'roleId'>,
  now: Date = new Date(),
): Promise<Dashboard> {
  const show = {
    patients: can(ctx, 'patients.read'),
    appointments: can(ctx, 'appointments.read'),
    exports: can(ctx, 'exports.read'),
  };
  return ctx.db.read(async (t) => {
    const { timeZone, timeFormat } = await clinicClock(t);
    const today = todayIn(timeZone, now);
    // ISO weeks: Monday to Sunday.
    const weekStart = shiftDate(today, 1 - isoWeekday(today));
    const weekEnd = shiftDate(weekStart, 6);

    let patientSection: Dashboard['patients'] = null;
    if (show.patients) {
      const recent = await t.list(patients, {
        orderBy: [desc(patients.createdAt), desc(patients.id)],
        limit: 5,
      });
      patientSection = {
        count: await readCounter(t, PATIENTS_TOTAL_COUNTER),
        recent: recent.map((p) => ({
          id: p.id,
          name: `${p.givenName} ${p.familyName}`,
          mrn: p.mrn,
        })),
      };
    }

    let appointmentSection: Dashboard['appointments'] = null;
    if (show.appointments) {
      const notCancelled = ne(appointments.status, 'cancelled');
      const week = localDaysRange(weekStart, weekEnd, timeZone);
      const thisWeek = await t.count(
        appointments,
        and(
          gte(appointments.startsAt, week.start),
          lt(appointments.startsAt, week.end),
          notCancelled,
        ),
      );
      const chartFrom = shiftDate(today, 1 - CHART_DAYS);
      const chart = localDaysRange(chartFrom, today, timeZone);
      // Group by the clinic-local date. `group by 1`: the timezone is a bound parameter, and the
      // same expression written twice would bind it twice, which Postgres treats as different.
      const localDay = sql<string>`to_char(${appointments.startsAt} at time zone ${timeZone}, 'YYYY-MM-DD')`;
      const grouped = await t
        .from(appointments, { date: localDay, count: count() })
        .where(
          and(
            gte(appointments.startsAt, chart.start),
            lt(appointments.startsAt, chart.end),
            notCancelled,
          ),
        )
        .groupBy(sql`1`);
      const byDate = new Map(grouped.map((g) => [g.date, Number(g.count)]));
      const perDay = Array.from({ length: CHART_DAYS }, (_, i) => {
        const date = shiftDate(chartFrom, i);
        return { date, count: byDate.get(date) ?? 0 };
      });
      appointmentSection = { today: await appointmentsOnDay(t, today, timeZone), thisWeek, perDay };
    }

    let exportSection: Dashboard['exports'] = null;
    if (show.exports) {
      // No exports table yet: exports are the live file attachments with purpose 'export'.
      exportSection = {
        count: await t.count(
          fileAttachments,
          and(eq(fileAttachments.purpose, 'export'), isNull(fileAttachments.deletedAt)),
        ),
      };
    }

    return {
      timeZone,
      timeFormat,
      today,
      weekStart,
      weekEnd,
      patients: patientSection,
      appointments: appointmentSection,
      exports: exportSection,
    };
  });
}
