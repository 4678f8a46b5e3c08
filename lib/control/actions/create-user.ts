'use server';
import { revalidatePath } from 'next/cache';
import { returnValidationErrors } from 'next-safe-action';
import { createUser, findUserByEmail } from '@/db/control/users';
import { uniqueViolation } from '@/db/errors';
import { controlPlaneAction } from '@/lib/actions/safe-action';
import { hashPassword } from '@/lib/auth/password';
import { createUserSchema } from '@/lib/control/user-schemas';

function emailTaken(): never {
  return returnValidationErrors(createUserSchema, {
    email: { _errors: ['A user with this email already exists.'] },
  });
}

/**
 * Creates a staff user with an initial password (checked by the password policy in the schema).
 * The user has no clinic yet: add memberships next. System roles are not granted here.
 */
export const createUserAction = controlPlaneAction
  .metadata({ name: 'createUser', permission: 'control_plane.access' })
  .inputSchema(createUserSchema)
  .action(async ({ parsedInput, ctx }) => {
    if (await findUserByEmail(parsedInput.email)) emailTaken();
    const passwordHash = await hashPassword(parsedInput.password);
    let user;
    try {
      user = await createUser(
        { userId: ctx.user.id, ...ctx.meta },
        { email: parsedInput.email, name: parsedInput.name, passwordHash },
      );
    } catch (err) {
      // Emails are unique case-insensitively; a concurrent create lands here, not in a 500.
      if (uniqueViolation(err)) emailTaken();
      throw err;
    }
    revalidatePath('/admin', 'layout');
    return { id: user.id, email: user.email, name: user.name };
  });
