import { generateSecret, generateURI, verifySync } from 'otplib';
import QRCode from 'qrcode';

/** RFC 6238 defaults (SHA-1, 6 digits, 30 s), which every authenticator app understands. */
export const TOTP_PERIOD_S = 30;
/** One step either side of now: a phone clock a little off, or a code typed as it rolls over. */
const TOLERANCE_S = TOTP_PERIOD_S;
const ISSUER = 'Clinic';

export const newTotpSecret = (): string => generateSecret();

/** The time step a right code belongs to, or null. The caller then claims the step (replay). */
export function matchTotp(secret: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const result = verifySync({
    secret,
    token: code,
    epoch: Math.floor(now / 1000),
    epochTolerance: TOLERANCE_S,
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** What the enrolment screen shows: the QR code (an SVG) and the key grouped for typing. */
export async function enrolmentView(secret: string, email: string) {
  const uri = generateURI({ issuer: ISSUER, label: email, secret });
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return {
    qrSvg: svg,
    manualKey: secret.replace(/(.{4})/g, '$1 ').trim(),
  };
}
