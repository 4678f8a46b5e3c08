import { ListSkeleton } from '@/components/ui/list-skeleton';

/**
 * Shown on the first visit while the list loads (later changes keep the old rows, dimmed). Only the
 * list has one: a loading boundary above /patients/[id] would start streaming a 200 before the
 * page can answer 404 for another clinic's id.
 */
export default function Loading() {
  return <ListSkeleton label="Loading patients…" filtersClass="h-20" tableClass="h-96" />;
}
