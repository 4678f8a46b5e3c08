/**
 * Shown on the first visit while the list loads (later changes keep the old rows, dimmed). Only the
 * list has one: a loading boundary above /patients/[id] would start streaming a 200 before the
 * page can answer 404 for another clinic's id.
 */
export default function Loading() {
  return (
    <div className="space-y-6" aria-busy="true" aria-live="polite">
      <p className="sr-only">Loading patients…</p>
      <div className="h-8 w-48 animate-pulse rounded bg-slate-200 motion-reduce:animate-none" />
      <div className="h-20 animate-pulse rounded-lg bg-slate-100 motion-reduce:animate-none" />
      <div className="h-96 animate-pulse rounded-lg border border-slate-200 bg-white motion-reduce:animate-none" />
    </div>
  );
}
