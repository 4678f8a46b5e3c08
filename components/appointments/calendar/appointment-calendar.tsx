'use client';
import { format, getDay, parse, startOfWeek } from 'date-fns';
import { enGB } from 'date-fns/locale';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useQueryStates } from 'nuqs';
import { useEffect, useMemo } from 'react';
import { Calendar, dateFnsLocalizer, type Formats } from 'react-big-calendar';
import withDragAndDrop from 'react-big-calendar/lib/addons/dragAndDrop';
import 'react-big-calendar/lib/css/react-big-calendar.css';
import 'react-big-calendar/lib/addons/dragAndDrop/styles.css';
import './calendar.css';
import { toast } from 'sonner';
import { bookingHref } from '@/lib/appointments/booking-prefill';
import {
  calendarSearchParams,
  floating,
  isClosedSlot,
  minutesBetween,
  visibleHours,
  wallClock,
  type CalendarView,
} from '@/lib/appointments/calendar';
import { DURATION_MAX } from '@/lib/appointments/schemas';
import { localTime, todayIn } from '@/lib/appointments/time';
import type { AppointmentListItem, PractitionerChoice } from '@/lib/appointments/types';
import type { WeeklyHours } from '@/lib/appointments/working-hours';
import { formatDay, formatDayRange, type TimeFormat } from '@/lib/dates/format';
import { useReschedule } from './use-reschedule';

// Weeks start on Monday, times are 24-hour, as everywhere else in the app.
const localizer = dateFnsLocalizer({
  format,
  parse,
  startOfWeek: (d: Date) => startOfWeek(d, { weekStartsOn: 1 }),
  getDay,
  locales: { 'en-GB': enGB },
});

/**
 * react-big-calendar's own column header is a `span role=columnheader` outside any row, which
 * axe counts as critical (aria-required-parent); a plain label reads the same. Its all-day row's
 * roles are dropped by patches/react-big-calendar+1.20.0.patch for the same reason.
 *
 * The grid's free slots answer the mouse and touch only (react-big-calendar selects slots by
 * pointer), so in the day view each practitioner's column carries a "Book" link: the booking form
 * for that practitioner and day, which lists their next free slots as buttons. That is the
 * keyboard's way to a free slot.
 */
function calendarComponents(date: string, canBook: boolean) {
  return {
    header: ({ label }: { label: React.ReactNode }) => <span>{label}</span>,
    resourceHeader: ({
      label,
      resource,
    }: {
      label: React.ReactNode;
      resource: PractitionerChoice;
    }) => (
      <span className="flex flex-wrap items-center justify-center gap-x-2">
        <span>{label}</span>
        {canBook && (
          <Link
            href={bookingHref({ practitionerId: resource.id, date })}
            aria-label={`Book with ${resource.label} on ${formatDay(date)}`}
            className="rounded-sm font-normal text-brand-700 underline underline-offset-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
          >
            Book
          </Link>
        )}
      </span>
    ),
  };
}

/** The calendar's labels; dates and times read as in the rest of the app (lib/dates/format.ts). */
function calendarFormats(timeFormat: TimeFormat): Formats {
  const clock = timeFormat === '12h' ? 'h:mm a' : 'HH:mm';
  const range = ({ start, end }: { start: Date; end: Date }) =>
    `${format(start, clock)}–${format(end, clock)}`;
  const day = (d: Date) => format(d, 'yyyy-MM-dd');
  return {
    timeGutterFormat: clock,
    eventTimeRangeFormat: range,
    selectRangeFormat: range,
    dayFormat: 'EEE d',
    dayHeaderFormat: (d: Date) => formatDay(day(d), { long: true }),
    dayRangeHeaderFormat: ({ start, end }) => formatDayRange(day(start), day(end)),
  };
}

interface CalendarEvent {
  id: string;
  title: string;
  start: Date;
  end: Date;
  resourceId: string;
  item: AppointmentListItem;
}

const DnDCalendar = withDragAndDrop<CalendarEvent, PractitionerChoice>(Calendar);

const STATUS_COLOURS: Record<AppointmentListItem['status'], string> = {
  scheduled: '#1d4ed8',
  completed: '#475569',
  no_show: '#7c2d12',
  cancelled: '#475569',
};

export interface CalendarProps {
  data: {
    view: CalendarView;
    date: string;
    timeZone: string;
    timeFormat: TimeFormat;
    slotMinutes: number;
    hours: WeeklyHours;
    practitioners: PractitionerChoice[];
    events: AppointmentListItem[];
  };
  /** The view the URL names; none means "the default for this screen". */
  viewInUrl: CalendarView | null;
  canManage: boolean;
}

/**
 * The clinic's day (one column per practitioner) and week, from react-big-calendar. A free slot
 * opens the booking form pre-filled; an appointment opens its page (click, Enter or Space); a
 * scheduled one can be dragged to another time or practitioner.
 */
export function AppointmentCalendar({ data, viewInUrl, canManage }: CalendarProps) {
  const router = useRouter();
  const [, setParams] = useQueryStates(calendarSearchParams, { shallow: false });
  const { moves, move } = useReschedule(data.events, data.timeFormat);
  const formats = useMemo(() => calendarFormats(data.timeFormat), [data.timeFormat]);
  // No booking links on a day that has passed: the form would refuse every time of it.
  const bookableDay = canManage && data.date >= todayIn(data.timeZone);
  const components = useMemo(
    () => calendarComponents(data.date, bookableDay),
    [data.date, bookableDay],
  );

  // Phones get the day view unless the URL asks for the week.
  useEffect(() => {
    if (viewInUrl === null && window.matchMedia('(max-width: 767px)').matches) {
      void setParams({ view: 'day' });
    }
  }, [viewInUrl, setParams]);

  const events = useMemo(
    () =>
      data.events.map((item): CalendarEvent => {
        const moved = moves[item.id];
        return {
          id: item.id,
          title: `${item.patient.name} · ${item.practitioner.name}${item.outsideHours ? ' · outside hours' : ''}`,
          start: moved?.start ?? floating(item.localDate, item.localStart),
          end: moved?.end ?? floating(item.localDate, item.localEnd),
          resourceId: moved?.practitionerId ?? item.practitioner.id,
          item,
        };
      }),
    [data.events, moves],
  );

  // A column for every practitioner, and for anyone else who has an appointment shown.
  const resources = useMemo(() => {
    const all = new Map(data.practitioners.map((p) => [p.id, p]));
    for (const e of data.events) {
      if (!all.has(e.practitioner.id)) {
        all.set(e.practitioner.id, {
          id: e.practitioner.id,
          label: e.practitioner.name,
          role: '',
          email: '',
        });
      }
    }
    return [...all.values()];
  }, [data.practitioners, data.events]);

  const { min, max } = visibleHours(data.hours, data.events);
  const step = data.slotMinutes;
  // The calendar's dates are floating wall-clock times (lib/appointments/calendar.ts), so "now"
  // must be the clinic's wall clock too: the today column and the time line follow the clinic,
  // not the browser's timezone.
  const clinicNow = () => {
    const now = new Date();
    return floating(todayIn(data.timeZone, now), localTime(now, data.timeZone));
  };
  const isPast = (start: Date) => start.getTime() < clinicNow().getTime();
  // Opens an hour before the clinic's current time, so the next appointments are in view.
  const scrollToTime = useMemo(() => {
    const now = clinicNow();
    return floating(data.date, `${String(Math.max(0, now.getHours() - 1)).padStart(2, '0')}:00`);
    // Once per day shown: the view must not jump while someone works in it.
  }, [data.date]);

  return (
    <div
      className="h-[75vh] min-h-[560px] rounded-lg border border-slate-200 bg-white p-2 text-sm"
      data-testid="calendar"
    >
      <DnDCalendar
        localizer={localizer}
        culture="en-GB"
        formats={formats}
        components={components}
        events={events}
        views={['day', 'week']}
        view={data.view}
        date={floating(data.date, '12:00')}
        getNow={clinicNow}
        scrollToTime={scrollToTime}
        onView={(v) => void setParams({ view: v === 'day' ? 'day' : 'week' })}
        onNavigate={(d) => void setParams({ date: wallClock(d).date })}
        resources={data.view === 'day' ? resources : undefined}
        resourceIdAccessor="id"
        resourceTitleAccessor="label"
        step={step}
        timeslots={60 % step === 0 ? Math.max(1, Math.min(4, 60 / step)) : 1}
        min={floating(data.date, `${String(Math.floor(min / 60)).padStart(2, '0')}:00`)}
        max={floating(
          data.date,
          max >= 1439 ? '23:59' : `${String(Math.floor(max / 60)).padStart(2, '0')}:00`,
        )}
        slotPropGetter={(d) =>
          isClosedSlot(data.hours, d, step)
            ? { className: 'rbc-closed-slot', style: { backgroundColor: '#e2e8f0' } }
            : {}
        }
        eventPropGetter={(e) => ({
          style: {
            backgroundColor: STATUS_COLOURS[e.item.status],
            borderColor: e.item.outsideHours ? '#b45309' : undefined,
            borderWidth: e.item.outsideHours ? 2 : undefined,
          },
        })}
        selectable={canManage}
        onSelectSlot={({ start, end, resourceId }) => {
          if (isPast(start)) {
            toast.error('That time has passed. Choose a time from now on.');
            return;
          }
          const { date, time } = wallClock(start);
          router.push(
            bookingHref({
              practitionerId: resourceId ? String(resourceId) : null,
              date,
              start: time,
              duration: Math.min(DURATION_MAX, Math.max(step, minutesBetween(start, end))),
            }),
          );
        }}
        onSelectEvent={(e) => router.push(`/appointments/${e.id}`)}
        onKeyPressEvent={(e, ev) => {
          const key = (ev as unknown as KeyboardEvent).key;
          if (key === 'Enter' || key === ' ') router.push(`/appointments/${e.id}`);
        }}
        draggableAccessor={(e) => canManage && e.item.status === 'scheduled'}
        resizable={false}
        onEventDrop={({ event, start, end, resourceId }) => {
          void move(event.item, {
            start: new Date(start),
            end: new Date(end),
            practitionerId: resourceId ? String(resourceId) : event.resourceId,
          });
        }}
        messages={{ previous: 'Previous', next: 'Next', today: 'Today', day: 'Day', week: 'Week' }}
        popup
      />
    </div>
  );
}
