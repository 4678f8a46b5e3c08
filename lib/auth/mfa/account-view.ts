import 'server-only';
import { unusedRecoveryCodeCount } from '@/db/control/mfa';
import { getUser } from '@/db/control/users';
import type { UserContext } from '../context';
import { openSecret } from './secret-box';
import { enrolmentView } from './totp';

/** What the account page shows of the user's MFA (a DTO for components/account/mfa-section). */
export type MfaView =
  | { state: 'on'; since: string; unusedCodes: number }
  | { state: 'pending'; qrSvg: string; manualKey: string }
  | { state: 'off' };

export async function loadMfaView(ctx: UserContext): Promise<MfaView> {
  const user = await getUser(ctx.user.id);
  if (ctx.mfaEnrolled && user?.mfaEnabledAt) {
    return {
      state: 'on',
      since: user.mfaEnabledAt.toISOString().slice(0, 10),
      unusedCodes: await unusedRecoveryCodeCount(user.id),
    };
  }
  if (user?.mfaPendingSecret) {
    return {
      state: 'pending',
      ...(await enrolmentView(openSecret(user.mfaPendingSecret), user.email)),
    };
  }
  return { state: 'off' };
}
