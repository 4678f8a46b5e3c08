'use client';
import { useQueryStates } from 'nuqs';
import { useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import {
  AUDIT_PAGE_SIZES,
  SYSTEM_ACTOR_FILTER,
  auditSearchParams,
  parseDay,
} from '@/lib/audit/query';
import { FIRST_PAGE } from '@/lib/pagination/cursor';

export interface AuditFilterOptions {
  actors: { id: string; name: string }[];
  actions: string[];
  timezone: string;
}

const labelClasses = 'block text-sm font-medium text-slate-700';

/**
 * The audit log's filters. Their state is the URL (nuqs, not shallow: the server reads the page
 * again); any change goes back to page 1.
 */
export function AuditFilters({ actors, actions, timezone }: AuditFilterOptions) {
  const [isPending, startTransition] = useTransition();
  const [state, setState] = useQueryStates(auditSearchParams, {
    shallow: false,
    history: 'push',
    startTransition,
  });
  const set = (patch: {
    actor?: string | null;
    action?: string | null;
    from?: string | null;
    to?: string | null;
    size?: (typeof AUDIT_PAGE_SIZES)[number];
  }) => setState({ ...patch, ...FIRST_PAGE });

  const actorValue =
    state.actor === SYSTEM_ACTOR_FILTER || actors.some((a) => a.id === state.actor)
      ? state.actor
      : '';
  const actionValue = actions.includes(state.action) ? state.action : '';
  // A hand-edited URL may hold anything; the inputs show only what the server will apply.
  const from = parseDay(state.from) ?? '';
  const to = parseDay(state.to) ?? '';
  const filtered = Boolean(actorValue || actionValue || from || to);

  return (
    <form
      role="search"
      aria-label="Filter the audit log"
      aria-busy={isPending || undefined}
      onSubmit={(e) => e.preventDefault()}
      className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-[repeat(4,minmax(0,1fr))_auto_auto] lg:items-end"
    >
      <div className="space-y-1">
        <label htmlFor="audit-actor" className={labelClasses}>
          Actor
        </label>
        <Select
          id="audit-actor"
          value={actorValue}
          onChange={(e) => set({ actor: e.target.value || null })}
        >
          <option value="">Everyone</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
          <option value={SYSTEM_ACTOR_FILTER}>System / unknown</option>
        </Select>
      </div>
      <div className="space-y-1">
        <label htmlFor="audit-action" className={labelClasses}>
          Action
        </label>
        <Select
          id="audit-action"
          value={actionValue}
          onChange={(e) => set({ action: e.target.value || null })}
        >
          <option value="">All actions</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </Select>
      </div>
      <div className="space-y-1">
        <label htmlFor="audit-from" className={labelClasses}>
          From
        </label>
        <Input
          id="audit-from"
          type="date"
          value={from}
          max={to || undefined}
          aria-describedby="audit-tz-note"
          onChange={(e) => set({ from: e.target.value || null })}
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="audit-to" className={labelClasses}>
          To
        </label>
        <Input
          id="audit-to"
          type="date"
          value={to}
          min={from || undefined}
          aria-describedby="audit-tz-note"
          onChange={(e) => set({ to: e.target.value || null })}
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="audit-size" className={labelClasses}>
          Per page
        </label>
        <Select
          id="audit-size"
          value={String(state.size)}
          onChange={(e) =>
            set({ size: Number(e.target.value) as (typeof AUDIT_PAGE_SIZES)[number] })
          }
          options={AUDIT_PAGE_SIZES.map((n) => ({ value: String(n), label: String(n) }))}
        />
      </div>
      <Button
        variant="ghost"
        disabled={!filtered || isPending}
        onClick={() => setState({ actor: null, action: null, from: null, to: null, ...FIRST_PAGE })}
      >
        Clear filters
      </Button>
      <p id="audit-tz-note" className="text-xs text-slate-500 sm:col-span-2 lg:col-span-6">
        Dates and times are in the clinic’s timezone, {timezone}. Both days are included.
      </p>
    </form>
  );
}
