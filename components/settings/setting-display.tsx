import { Badge } from '@/components/ui/badge';

/** Where a setting's value comes from, as the settings page labels it. */
export function SourceBadge({ source }: { source: 'system' | 'clinic' }) {
  return source === 'clinic' ? (
    <Badge tone="info">This clinic</Badge>
  ) : (
    <Badge tone="neutral">System default</Badge>
  );
}

/** A setting value as read-only text; an empty string would otherwise show as nothing. */
export function formatShownValue(value: string): string {
  return value === '' ? '(empty)' : value;
}
