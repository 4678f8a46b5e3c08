'use client';
import { useEffect, useState } from 'react';
import { fetchItems } from '@/components/pickers/fetch-items';
import { Button } from '@/components/ui/button';
import { formatDay, formatWallTime, type TimeFormat } from '@/lib/dates/format';

export interface FreeSlot {
  date: string;
  startTime: string;
}

/**
 * The chosen practitioner's next free slots (GET /api/appointments/free-slots), from the chosen
 * date on, as buttons that fill the date and the start time. The server checks the booking again:
 * these are a shortcut, not a promise.
 */
export function FreeSlotSuggestions({
  practitionerId,
  durationMinutes,
  from,
  exceptId,
  timeFormat,
  onPick,
}: {
  timeFormat: TimeFormat;
  practitionerId: string | null;
  durationMinutes: string;
  from: string;
  exceptId?: string;
  onPick: (slot: FreeSlot) => void;
}) {
  const [state, setState] = useState<{ key: string; slots: FreeSlot[] | 'error' } | null>(null);
  const params = practitionerId
    ? new URLSearchParams({
        practitionerMembershipId: practitionerId,
        durationMinutes,
        ...(from ? { from } : {}),
        ...(exceptId ? { exceptId } : {}),
      }).toString()
    : null;

  useEffect(() => {
    if (!params) return;
    const controller = new AbortController();
    fetchItems<FreeSlot>(`/api/appointments/free-slots?${params}`, controller.signal).then(
      (slots) => setState({ key: params, slots }),
      () => !controller.signal.aborted && setState({ key: params, slots: 'error' }),
    );
    return () => controller.abort();
  }, [params]);

  if (!params) return null;
  const slots = state?.key === params ? state.slots : null;
  return (
    <div className="sm:col-span-6" aria-live="polite">
      <p className="text-sm font-medium text-slate-700" id="free-slots-heading">
        Next free slots
      </p>
      {slots === null ? (
        <p className="mt-1 text-sm text-slate-500">Looking for free slots…</p>
      ) : slots === 'error' ? (
        <p className="mt-1 text-sm text-slate-600">Free slots could not be loaded.</p>
      ) : slots.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">No free slot in the next three weeks.</p>
      ) : (
        <ul className="mt-1 flex flex-wrap gap-2" aria-labelledby="free-slots-heading">
          {slots.map((s) => (
            <li key={`${s.date} ${s.startTime}`}>
              <Button variant="secondary" size="sm" onClick={() => onPick(s)}>
                {formatDay(s.date, { year: false })} {formatWallTime(s.startTime, timeFormat)}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
