import Link from 'next/link';
import type { ReactNode } from 'react';
import { EmptyRow, TBody, TD, TH, THead, TR, Table } from '@/components/ui/table';
import type { AppointmentListItem } from '@/lib/appointments/types';
import { formatDay, formatWallTime, type TimeFormat } from '@/lib/dates/format';
import { AppointmentStatusBadge } from './status-badge';

/** Appointments in time order, times in the clinic's timezone and 12/24-hour format. */
export function AppointmentTable({
  rows,
  timeFormat,
  today,
  caption,
  showDate = true,
  showReason = true,
  empty,
  testId,
}: {
  rows: AppointmentListItem[];
  timeFormat: TimeFormat;
  /** The clinic's date today: a row shows its year only when it is another year. */
  today: string;
  caption: string;
  showDate?: boolean;
  /** Off in narrow places (the dashboard); the details page always shows it. */
  showReason?: boolean;
  empty: ReactNode;
  testId?: string;
}) {
  const time = (hhmm: string) => formatWallTime(hhmm, timeFormat);
  return (
    <Table caption={caption}>
      <THead>
        <TR>
          <TH>{showDate ? 'When' : 'Time'}</TH>
          <TH>Patient</TH>
          <TH>Practitioner</TH>
          <TH>Status</TH>
          {showReason && <TH>Reason</TH>}
          <TH>
            <span className="sr-only">Details</span>
          </TH>
        </TR>
      </THead>
      <TBody data-testid={testId}>
        {rows.length === 0 && <EmptyRow colSpan={showReason ? 6 : 5}>{empty}</EmptyRow>}
        {rows.map((a) => (
          <TR key={a.id} data-appointment-id={a.id}>
            <TD className="whitespace-nowrap">
              {showDate && (
                <span className="block text-xs text-slate-600">
                  {formatDay(a.localDate, { today })}
                </span>
              )}
              <time dateTime={a.startsAt} className="font-medium text-slate-900 tabular-nums">
                {time(a.localStart)}
              </time>
              <span className="text-slate-600 tabular-nums">–{time(a.localEnd)}</span>
            </TD>
            <TD>
              <Link
                href={`/patients/${a.patient.id}`}
                className="font-medium text-brand-700 hover:underline"
              >
                {a.patient.name}
              </Link>
              <span className="block font-mono text-xs text-slate-600">{a.patient.mrn}</span>
            </TD>
            <TD>{a.practitioner.name}</TD>
            <TD>
              <AppointmentStatusBadge status={a.status} />
            </TD>
            {showReason && (
              <TD className="max-w-xs truncate" title={a.reason ?? undefined}>
                {a.reason ?? <span className="text-slate-500">—</span>}
              </TD>
            )}
            <TD className="text-right">
              <Link
                href={`/appointments/${a.id}`}
                className="text-sm font-medium text-brand-700 hover:underline"
                aria-label={`Open the appointment at ${time(a.localStart)} with ${a.patient.name}`}
              >
                Open
              </Link>
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
