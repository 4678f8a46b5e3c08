import { ListSkeleton } from '@/components/ui/list-skeleton';

/**
 * Shown while the list loads. Only the list has one (hence the `(list)` group): under a loading
 * boundary the response starts streaming with 200 before the page runs, so the detail page's
 * notFound() could no longer answer 404.
 */
export default function Loading() {
  return <ListSkeleton label="Loading appointments…" filtersClass="h-16" tableClass="h-64" />;
}
