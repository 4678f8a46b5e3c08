/**
 * The messages the app sends. Each names the clinic (where there is one) and the person who acted,
 * and carries no patient data: only staff names, a clinic's name and a link.
 */
import { composeMail, type MailMessage } from './message';

/** "30 minutes", "1 hour", "48 hours", "7 days". */
function duration(minutes: number): string {
  if (minutes % 60 !== 0) return `${minutes} minutes`;
  if (minutes > 48 * 60 && minutes % (24 * 60) === 0) return `${minutes / (24 * 60)} days`;
  return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
}

interface InvitationMail {
  to: string;
  clinicName: string;
  invitedBy: string;
  /** The role as people read it, e.g. "Receptionist". */
  roleLabel: string;
  acceptUrl: string;
  validMinutes: number;
}

export function invitationMail(m: InvitationMail): MailMessage {
  return composeMail('invitation', m.to, `${m.invitedBy} invited you to ${m.clinicName}`, [
    { say: `${m.invitedBy} invited you to join ${m.clinicName} as ${m.roleLabel}.` },
    {
      say: `Accept the invitation within ${duration(m.validMinutes)}; the link works once.`,
      link: { label: 'Accept the invitation', url: m.acceptUrl },
    },
    { say: 'If you did not expect this, ignore this message: nothing happens without the link.' },
  ]);
}

interface PasswordResetMail {
  to: string;
  resetUrl: string;
  validMinutes: number;
}

/** Anyone may ask for a reset by e-mail address, so the message says so rather than naming them. */
export function passwordResetMail(m: PasswordResetMail): MailMessage {
  return composeMail('password_reset', m.to, 'Reset your password', [
    {
      say: 'Someone, hopefully you, asked to reset the password of the account with this address.',
    },
    {
      say: `Choose a new password within ${duration(m.validMinutes)}; the link works once.`,
      link: { label: 'Choose a new password', url: m.resetUrl },
    },
    { say: 'If it was not you, ignore this message: your password stays as it is.' },
  ]);
}

interface MfaResetNoticeMail {
  to: string;
  /** The clinic of the admin who reset it; absent when an operator of the service did. */
  clinicName?: string;
  resetBy: string;
  signInUrl: string;
}

/** Sent after an admin removed someone's second factor: the person learns of it either way. */
export function mfaResetNoticeMail(m: MfaResetNoticeMail): MailMessage {
  return composeMail('mfa_reset_notice', m.to, `${m.resetBy} reset your two-step sign-in`, [
    {
      say: `${m.resetBy} (${m.clinicName ?? 'an operator of this service'}) reset the two-step sign-in of your account. Your sessions were signed out.`,
    },
    {
      say: 'Sign in and set it up again.',
      link: { label: 'Sign in', url: m.signInUrl },
    },
    {
      say: `If you did not ask for this, tell ${m.clinicName ? `an administrator of ${m.clinicName}` : 'your clinic administrator'} at once.`,
    },
  ]);
}
