import { cn } from './cn';

/**
 * A list page's loading placeholder: heading, filter bar and table, pulsing (still for users who
 * prefer reduced motion). Heights follow the page it stands in for, so nothing jumps on arrival.
 */
export function ListSkeleton({
  label,
  filtersClass,
  tableClass,
}: {
  /** For screen readers, e.g. "Loading patients…". */
  label: string;
  filtersClass: string;
  tableClass: string;
}) {
  const pulse = 'animate-pulse motion-reduce:animate-none';
  return (
    <div className="space-y-6" aria-busy="true" aria-live="polite">
      <p className="sr-only">{label}</p>
      <div className={cn('h-8 w-48 rounded bg-slate-200', pulse)} />
      <div className={cn('rounded-lg bg-slate-100', filtersClass, pulse)} />
      <div className={cn('rounded-lg border border-slate-200 bg-white', tableClass, pulse)} />
    </div>
  );
}
