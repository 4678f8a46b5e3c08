/**
 * Shown while the list loads. Only the list has one (hence the `(list)` group): under a loading
 * boundary the response starts streaming with 200 before the page runs, so the detail page's
 * notFound() could no longer answer 404.
 */
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
