import 'server-only';
import { clinicSettings } from '@/lib/auth/request-reads';

/** The clinic's `require_mfa` setting: its staff must enrol before they can enter it. */
export async function clinicRequiresMfa(clinicId: string): Promise<boolean> {
  return (await clinicSettings(clinicId)).require_mfa === true;
}

/** Of the user's clinics, the names of those that require MFA (for the chooser's note). */
export async function clinicsRequiringMfa(
  clinics: readonly { id: string; name: string }[],
): Promise<string[]> {
  const flags = await Promise.all(clinics.map((c) => clinicRequiresMfa(c.id)));
  return clinics.filter((_c, i) => flags[i]).map((c) => c.name);
}
