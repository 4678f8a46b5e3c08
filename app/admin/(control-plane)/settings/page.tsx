import { forbidden } from 'next/navigation';
import { listSettingDefinitions } from '@/db/control/settings';
import { SettingDefinitionForm } from '@/components/admin/setting-definition-form';
import type { SettingDefinitionDto } from '@/components/admin/types';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { controlPlaneGate } from '@/lib/control/page-gate';
import { formatSettingValue } from '@/lib/settings/value';
import { listTimeZones } from '@/lib/timezones';

export const metadata = { title: 'Setting definitions' };

export default async function SettingDefinitionsPage() {
  const gate = await controlPlaneGate();
  if (!gate.ok) forbidden();
  const definitions: SettingDefinitionDto[] = (await listSettingDefinitions()).map((d) => ({
    key: d.key,
    label: d.label,
    description: d.description,
    type: d.type,
    defaultValue: formatSettingValue(d.defaultValue),
    clinicOverridable: d.clinicOverridable,
  }));
  const timezones = listTimeZones();

  return (
    <div className="space-y-6">
      <PageHeader
        title="Setting definitions"
        description="The system default of each setting, and whether clinics may set their own value. Which settings exist is decided by migrations."
      />
      {definitions.map((definition) => (
        <Card key={definition.key} aria-labelledby={`setting-${definition.key}-title`}>
          <CardHeader
            id={`setting-${definition.key}-title`}
            title={definition.label}
            description={definition.description}
            actions={
              <>
                <code className="font-mono text-xs text-slate-500">{definition.key}</code>
                <Badge>{definition.type}</Badge>
              </>
            }
          />
          <CardBody>
            <SettingDefinitionForm
              key={`${definition.defaultValue}-${definition.clinicOverridable}`}
              definition={definition}
              timezones={timezones}
            />
          </CardBody>
        </Card>
      ))}
    </div>
  );
}
