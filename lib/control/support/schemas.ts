/**
 * Input of the support-access actions, outside their 'use server' modules (every export there is
 * an endpoint). Plain zod, so the form validates with the same rules as the server.
 */
import { z } from 'zod';
import { multilineText } from '@/lib/validation/text';

/** The durations an operator may choose; 60 minutes is the most support access ever lasts. */
export const SUPPORT_DURATIONS = [15, 30, 60] as const;
export const MAX_SUPPORT_MINUTES = 60;

const reasonText = (what: string) =>
  multilineText()
    .trim()
    .min(10, `Say in a sentence ${what} (at least 10 characters)`)
    .max(500, 'Keep it under 500 characters');

export const openSupportSchema = z
  .object({
    clinicId: z.uuid('Choose a clinic'),
    durationMinutes: z.coerce
      .number('Choose a duration')
      .int()
      .refine((m) => (SUPPORT_DURATIONS as readonly number[]).includes(m), {
        message: `Choose ${SUPPORT_DURATIONS.join(', ')} minutes`,
      }),
    reason: reasonText('why you need access'),
    write: z.boolean().default(false),
    writeReason: z.union([reasonText('why read-only is not enough'), z.literal('')]).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.write && !v.writeReason) {
      ctx.addIssue({
        code: 'custom',
        path: ['writeReason'],
        message: 'Write access needs its own reason',
      });
    }
  });

export type OpenSupportInput = z.input<typeof openSupportSchema>;

export const endClinicSupportSchema = z.object({ supportSessionId: z.uuid() }).strict();

export const endOwnSupportSchema = z.object({}).strict();
