import Link from 'next/link';
import type { ReactNode } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import type { AuditEventDto } from '@/lib/audit/types';

const OUTCOME_TONE: Record<AuditEventDto['outcome'], BadgeTone> = {
  success: 'success',
  failure: 'warning',
  denied: 'danger',
};

/** The same columns for the header row and every event (from 768 px; stacked below). */
const COLUMNS =
  'md:grid md:grid-cols-[10.5rem_minmax(0,1fr)_minmax(0,11rem)_minmax(0,1fr)_5.5rem] md:gap-x-4';

/** One labelled value: the label shows on phones, and stays for screen readers on wide screens. */
function Cell({
  label,
  children,
  className,
}: {
  label: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn('flex gap-2 md:block', className)}>
      <dt className="w-16 shrink-0 text-xs font-medium text-slate-500 md:sr-only">{label}</dt>
      <dd className="min-w-0 text-sm text-slate-700">{children}</dd>
    </div>
  );
}

function Entity({ event }: { event: AuditEventDto }) {
  const entity = event.entity;
  if (!entity) return <span className="text-slate-500">—</span>;
  return (
    <span className="break-words">
      <span className="font-medium text-slate-900">{entity.typeLabel}</span>
      {entity.label &&
        (entity.href ? (
          <Link
            href={entity.href}
            className="ml-1.5 text-brand-700 underline underline-offset-2 hover:text-brand-600"
            data-testid="audit-entity-link"
          >
            {entity.label}
          </Link>
        ) : (
          <span className="ml-1.5">{entity.label}</span>
        ))}
    </span>
  );
}

/** The ids a person rarely needs, kept out of the row: request, entity, actor and event. */
function Details({ event }: { event: AuditEventDto }) {
  const rows: [string, string | null][] = [
    ['Request id', event.requestId],
    ['Entity', event.entityType && `${event.entityType} ${event.entityId ?? ''}`.trim()],
    ['Actor id', event.actorUserId],
    ['Event id', event.id],
  ];
  return (
    <details className="group mt-2 text-xs" data-testid="audit-details">
      <summary className="inline-flex cursor-pointer items-center gap-1 rounded text-brand-700 hover:underline focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none">
        Details
        <span className="sr-only">
          {' '}
          of {event.action} at {event.occurredAtLabel}
        </span>
      </summary>
      <dl className="mt-2 grid gap-x-4 gap-y-1 rounded-md bg-slate-50 p-3 sm:grid-cols-[7rem_minmax(0,1fr)]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-slate-500">{label}</dt>
            <dd className="font-mono break-all text-slate-700">{value ?? '—'}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/**
 * The audit events as a list: a row of columns from 768 px, a stacked card on phones (nothing
 * scrolls sideways), each with its ids behind a native disclosure that the keyboard opens.
 */
export function AuditEventList({
  events,
  label,
  timezone,
}: {
  events: AuditEventDto[];
  label: string;
  timezone: string;
}) {
  return (
    <div>
      <div
        aria-hidden="true"
        className={cn(
          'hidden border-b border-slate-200 bg-slate-50 px-4 py-2.5 text-xs font-semibold tracking-wide text-slate-500 uppercase',
          COLUMNS,
        )}
      >
        <span>Time ({timezone})</span>
        <span>Actor</span>
        <span>Action</span>
        <span>Entity</span>
        <span>Outcome</span>
      </div>
      {events.length === 0 ? (
        <p className="px-4 py-8 text-center text-sm text-slate-500">
          No audit events match these filters.
        </p>
      ) : (
        <ol aria-label={label} className="divide-y divide-slate-100" data-testid="audit-events">
          {events.map((e) => (
            <li key={e.id} className="px-4 py-3" data-testid="audit-event">
              <dl className={cn('space-y-1 md:space-y-0', COLUMNS)}>
                <Cell label="Time">
                  <time dateTime={e.occurredAt} className="tabular-nums">
                    {e.occurredAtLabel}
                  </time>
                </Cell>
                <Cell label="Actor">
                  <span className="block break-words text-slate-900">{e.actorName}</span>
                  {e.actorEmail && (
                    <span className="block text-xs break-all text-slate-500">{e.actorEmail}</span>
                  )}
                </Cell>
                <Cell label="Action">
                  <span className="font-mono text-xs break-all">{e.action}</span>
                </Cell>
                <Cell label="Entity">
                  <Entity event={e} />
                </Cell>
                <Cell label="Outcome">
                  <Badge tone={OUTCOME_TONE[e.outcome]}>{e.outcome}</Badge>
                </Cell>
              </dl>
              <Details event={e} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
