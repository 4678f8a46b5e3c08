'use server';
import { revalidatePath } from 'next/cache';
import { returnValidationErrors } from 'next-safe-action';
import { createClinic, findClinicBySlug } from '@/db/control/clinics';
import { uniqueViolation } from '@/db/errors';
import { controlPlaneAction } from '@/lib/actions/safe-action';
import { createClinicSchema } from '@/lib/control/schemas';

function slugTaken(): never {
  return returnValidationErrors(createClinicSchema, {
    slug: { _errors: ['Another clinic already uses this slug.'] },
  });
}

/** Creates a clinic (active). Audited as clinic.create in the system trail. */
export const createClinicAction = controlPlaneAction
  .metadata({ name: 'createClinic', permission: 'control_plane.access' })
  .inputSchema(createClinicSchema)
  .action(async ({ parsedInput, ctx }) => {
    if (await findClinicBySlug(parsedInput.slug)) slugTaken();
    let clinic;
    try {
      clinic = await createClinic({ userId: ctx.user.id, ...ctx.meta }, parsedInput);
    } catch (err) {
      // Two admins racing for one slug: the unique index decides, the form explains.
      if (uniqueViolation(err)) slugTaken();
      throw err;
    }
    revalidatePath('/admin', 'layout');
    return { id: clinic.id, name: clinic.name, slug: clinic.slug };
  });
