'use server';
import { revalidatePath } from 'next/cache';
import { clinicAction } from '@/lib/actions/safe-action';
import { recordAudit } from '@/lib/audit/record';
import { updateSettingSchema } from '@/lib/settings/input';
import { setClinicSetting } from '@/lib/settings/write';

/**
 * Sets the active clinic's override of a setting. The value is validated by the setting's own
 * schema (field error on `value`); a setting the system does not let clinics override is refused.
 */
export const updateSettingAction = clinicAction
  .metadata({ name: 'updateSetting', permission: 'settings.update' })
  .inputSchema(updateSettingSchema)
  .action(async ({ parsedInput: { key, value }, ctx }) => {
    const stored = await ctx.db.transaction(async (t) => {
      const saved = await setClinicSetting(t, key, value, ctx.user.id);
      // The key only: setting values are configuration, but the trail never needs them.
      await recordAudit(
        t,
        { userId: ctx.user.id, ...ctx.meta },
        { action: 'setting.update', entityType: 'setting', entityId: key, metadata: { key } },
      );
      return saved;
    });
    // The header (root layout) shows the display name, so every page may change.
    revalidatePath('/', 'layout');
    return { key, value: stored, source: 'clinic' as const };
  });
