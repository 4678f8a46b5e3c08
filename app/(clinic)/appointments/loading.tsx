/** Shown while an appointment page loads (filter changes and paging stream in behind it). */
export default function Loading() {
  return (
    <div className="space-y-6" aria-busy="true" aria-live="polite">
      <p className="sr-only">Loading appointments…</p>
      <div className="h-8 w-48 animate-pulse rounded bg-slate-200 motion-reduce:animate-none" />
      <div className="h-16 animate-pulse rounded-lg bg-slate-100 motion-reduce:animate-none" />
      <div className="h-64 animate-pulse rounded-lg border border-slate-200 bg-white motion-reduce:animate-none" />
    </div>
  );
}
