import type { Metadata } from 'next';
import { ClinicSettingForm } from '@/components/settings/clinic-setting-form';
import { SourceBadge, formatShownValue } from '@/components/settings/setting-display';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { can, type ClinicContext } from '@/lib/auth/context';
import { clinicPage } from '@/lib/auth/page-guard';
import { displayNameOr, loadClinicSettings } from '@/lib/data/settings';
import { listTimeZones } from '@/lib/timezones';

export const metadata: Metadata = { title: 'Settings' };

export default clinicPage('settings.read', ClinicSettingsPage);

async function ClinicSettingsPage(ctx: ClinicContext) {
  const canEdit = can(ctx, 'settings.update');
  const settings = await loadClinicSettings(ctx);
  const name = displayNameOr(settings.find((s) => s.key === 'display_name')?.value, ctx.clinicName);
  const timezones = listTimeZones();

  return (
    <div className="space-y-6">
      <PageHeader
        title="Settings"
        description={
          <>
            How {name} works. A setting marked <q>System default</q> follows the value the system
            operators set for every clinic; one marked <q>This clinic</q> is your own.
          </>
        }
      />
      {settings.map((setting) => {
        const titleId = `setting-${setting.key}-title`;
        const editable = canEdit && setting.overridable;
        return (
          <Card key={setting.key} aria-labelledby={titleId} data-testid={`setting-${setting.key}`}>
            <CardHeader
              id={titleId}
              title={setting.label}
              description={setting.description}
              actions={
                <span data-testid={`setting-${setting.key}-source`}>
                  <SourceBadge source={setting.source} />
                </span>
              }
            />
            <CardBody className="space-y-3">
              {editable ? (
                <ClinicSettingForm
                  key={`${setting.source}:${setting.value}`}
                  setting={setting}
                  timezones={timezones}
                />
              ) : (
                <p className="text-sm">
                  <span className="text-slate-500">Value: </span>
                  <span
                    className="font-medium text-slate-900"
                    data-testid={`setting-${setting.key}-value`}
                  >
                    {formatShownValue(setting.value)}
                  </span>
                </p>
              )}
              {setting.source === 'clinic' && (
                <p
                  className="text-sm text-slate-600"
                  data-testid={`setting-${setting.key}-default`}
                >
                  System default:{' '}
                  <span className="font-medium">{formatShownValue(setting.defaultValue)}</span>
                </p>
              )}
              {!setting.overridable && (
                <p className="text-sm text-slate-600">
                  Set by the system operators for every clinic; it cannot be changed per clinic.
                </p>
              )}
              {setting.overridable && !canEdit && (
                <p className="text-sm text-slate-600">
                  Your role can view but not change settings.
                </p>
              )}
            </CardBody>
          </Card>
        );
      })}
    </div>
  );
}
