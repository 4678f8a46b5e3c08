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
    const parsed = parseSettingValue(definition.type, parsedInput.value);
    if (!parsed.ok) {
      returnValidationErrors(updateSettingDefinitionSchema, {
        value: { _errors: [parsed.message] },
      });
    }
    // A setting the code knows has rules of its own (lib/settings/catalog.ts); the default must
    // pass them too, or every clinic would resolve an invalid value.
    let defaultValue = parsed.value;
    if (isSettingKey(definition.key)) {
      const known = SETTING_SCHEMAS[definition.key].safeParse(parsed.value);
      if (!known.success) {
        returnValidationErrors(updateSettingDefinitionSchema, {
          value: { _errors: known.error.issues.map((i) => i.message) },
        });
      }
      defaultValue = known.data;
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
