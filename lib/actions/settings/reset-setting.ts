'use server';
import { revalidatePath } from 'next/cache';
import { clinicAction } from '@/lib/actions/safe-action';
import { recordAudit } from '@/lib/audit/record';
import { resetSettingSchema } from '@/lib/settings/input';
import { resetClinicSetting } from '@/lib/settings/write';

/** Removes the active clinic's override of a setting, so the system default applies again. */
export const resetSettingAction = clinicAction
  .metadata({ name: 'resetSetting', permission: 'settings.update' })
  .inputSchema(resetSettingSchema)
  .action(async ({ parsedInput: { key }, ctx }) => {
    const removed = await ctx.db.transaction(async (t) => {
      const hadOverride = await resetClinicSetting(t, key);
      await recordAudit(
        t,
        { userId: ctx.user.id, ...ctx.meta },
        {
          action: 'setting.reset',
          entityType: 'setting',
          entityId: key,
          metadata: { key, removed: hadOverride },
        },
      );
      return hadOverride;
    });
    revalidatePath('/', 'layout');
    return { key, removed, source: 'system' as const };
  });
