import { forbidden } from 'next/navigation';
import { listClinics } from '@/db/control/clinics';
import { OpenSupportForm } from '@/components/admin/support-form';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { controlPlaneGate } from '@/lib/control/page-gate';
import { MAX_SUPPORT_MINUTES } from '@/lib/control/support/schemas';

export const metadata = { title: 'Support access' };

export default async function SupportAccessPage() {
  const gate = await controlPlaneGate();
  if (!gate.ok) forbidden();
  const clinics = (await listClinics())
    .filter((c) => c.active)
    .map((c) => ({ id: c.id, name: c.name }));

  return (
    <div className="space-y-6">
      <PageHeader
        title="Support access"
        description={`Work inside one clinic for at most ${MAX_SUPPORT_MINUTES} minutes, to help its staff. Everything you do there is audited in the clinic's log and the system log, and the clinic's admins can end it at any time.`}
      />
      <Card aria-labelledby="open-support">
        <CardHeader id="open-support" title="Open support access" />
        <CardBody>
          <OpenSupportForm clinics={clinics} />
        </CardBody>
      </Card>
    </div>
  );
}
