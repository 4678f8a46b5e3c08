'use server';
import { revalidatePath } from 'next/cache';
import { returnValidationErrors } from 'next-safe-action';
import { getSettingDefinition, updateSettingDefinition } from '@/db/control/settings';
import { controlPlaneAction } from '@/lib/actions/safe-action';
import { updateSettingDefinitionSchema } from '@/lib/control/schemas';
import { NotFoundError } from '@/lib/errors';
import { SETTING_SCHEMAS, isSettingKey } from '@/lib/settings/catalog';
import { parseSettingValue, type SettingValue } from '@/lib/settings/value';

/**
 * Edits a setting definition's default value and whether clinics may override it. The value is
 * validated against the definition's type; key, type and labels are migration-owned.
 */
export const updateSettingDefinitionAction = controlPlaneAction
  .metadata({ name: 'updateSettingDefinition', permission: 'control_plane.access' })
  .inputSchema(updateSettingDefinitionSchema)
  .action(async ({ parsedInput, ctx }) => {
    const definition = await getSettingDefinition(parsedInput.key);
    if (!definition) throw new NotFoundError('Setting not found.');
    // A setting the code knows is checked by its own schema alone (lib/settings/catalog.ts), the
    // one the clinic settings and the field's hint use too; the definition's type only covers
    // settings the code does not know.
    let defaultValue: SettingValue;
    if (isSettingKey(definition.key)) {
      const known = SETTING_SCHEMAS[definition.key].safeParse(parsedInput.value);
      if (!known.success) {
        returnValidationErrors(updateSettingDefinitionSchema, {
          value: { _errors: [known.error.issues[0]?.message ?? 'Enter a valid value'] },
        });
      }
      defaultValue = known.data;
    } else {
      const parsed = parseSettingValue(definition.type, parsedInput.value);
      if (!parsed.ok) {
        returnValidationErrors(updateSettingDefinitionSchema, {
          value: { _errors: [parsed.message] },
        });
      }
      defaultValue = parsed.value;
    }
    const updated = await updateSettingDefinition(
      { userId: ctx.user.id, ...ctx.meta },
      definition.key,
      { defaultValue, clinicOverridable: parsedInput.clinicOverridable },
    );
    if (!updated) throw new NotFoundError('Setting not found.');
    revalidatePath('/admin', 'layout');
    return {
      key: updated.key,
      defaultValue: updated.defaultValue as SettingValue,
      clinicOverridable: updated.clinicOverridable,
    };
  });
