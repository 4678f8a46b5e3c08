import { Badge, type BadgeTone } from '@/components/ui/badge';
import { STATUS_LABELS, type AppointmentStatus } from '@/lib/appointments/schemas';

const TONES: Record<AppointmentStatus, BadgeTone> = {
  scheduled: 'info',
  completed: 'success',
  cancelled: 'neutral',
  no_show: 'warning',
};

export function AppointmentStatusBadge({ status }: { status: AppointmentStatus }) {
  return <Badge tone={TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}
