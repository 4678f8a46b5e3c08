import { Card, CardBody, CardHeader } from '@/components/ui/card';
import type { UserContext } from '@/lib/auth/context';
import { ChangePasswordForm } from './change-password-form';

/** Changing the password: the current one is required; other sessions are signed out. */
export async function PasswordSection({ ctx }: { ctx: UserContext }) {
  return (
    <Card aria-labelledby="password-heading">
      <CardHeader
        id="password-heading"
        title="Password"
        description="After a change, your other sessions are signed out; this one stays."
      />
      <CardBody>
        <ChangePasswordForm person={{ name: ctx.user.name, email: ctx.user.email }} />
      </CardBody>
    </Card>
  );
}
