import { ControlPlaneDenied } from '@/components/admin/control-plane-denied';
import { controlPlaneGate } from '@/lib/control/page-gate';

/** The 403 of every control-plane page: why the user is refused, and the way in if there is one. */
export default async function ControlPlaneForbidden() {
  const gate = await controlPlaneGate();
  return <ControlPlaneDenied canEnterGlobalMode={!gate.ok && gate.canEnterGlobalMode} />;
}
