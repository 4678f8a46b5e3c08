'use client';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { readValidationErrors } from '@/components/forms/use-action-feedback';
import { useClinicAction } from '@/components/forms/use-clinic-action';
import { updateAppointmentAction } from '@/lib/actions/appointments/update-appointment';
import { formatDay, formatWallTime, type TimeFormat } from '@/lib/dates/format';
import type { AppointmentListItem } from '@/lib/appointments/types';
import { minutesBetween, wallClock } from '@/lib/appointments/calendar';

export interface Move {
  start: Date;
  end: Date;
  practitionerId: string;
}

/** The refusal's words: the server's message, else the first field message. */
function refusalOf(result: { serverError?: unknown; validationErrors?: unknown }): string {
  if (typeof result.serverError === 'string') return result.serverError;
  const { fields, form } = readValidationErrors(result.validationErrors);
  return form[0] ?? Object.values(fields)[0] ?? 'The appointment could not be moved.';
}

/**
 * Drag to reschedule: the event moves at once and the server (the same action and rules as the
 * edit form) decides. A refusal puts it back and says why; success refreshes the page's data.
 */
export function useReschedule(events: readonly AppointmentListItem[], timeFormat: TimeFormat) {
  const [moves, setMoves] = useState<Record<string, Move>>({});
  // Fresh data from the server replaces the optimistic positions.
  useEffect(() => setMoves({}), [events]);
  const update = useClinicAction(updateAppointmentAction);

  async function move(item: AppointmentListItem, to: Move) {
    setMoves((m) => ({ ...m, [item.id]: to }));
    const { date, time } = wallClock(to.start);
    const result = await update.executeAsync({
      appointmentId: item.id,
      practitionerMembershipId: to.practitionerId,
      date,
      startTime: time,
      durationMinutes: minutesBetween(to.start, to.end),
      reason: item.reason ?? '',
    });
    if (result?.data) {
      toast.success(
        `Moved to ${formatDay(result.data.localDate)} at ${formatWallTime(result.data.localStart, timeFormat)}.`,
      );
      return;
    }
    setMoves(({ [item.id]: _refused, ...rest }) => rest);
    toast.error(refusalOf(result ?? {}));
  }

  return { moves, move, pending: update.isPending };
}
