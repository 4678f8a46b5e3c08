/**
 * Input schemas of the session actions (lib/auth/actions), outside their 'use server' modules,
 * where every export would be an endpoint. Switching and global mode are strict: nothing but the one field is accepted.
 */
import { z } from 'zod';
import { text } from '@/lib/validation/text';

export const switchClinicSchema = z.object({ clinicId: z.uuid() }).strict();

export const globalModeSchema = z.object({ on: z.boolean() }).strict();

export const signInSchema = z.object({
  email: text().trim().min(1, 'Enter your email').max(254),
  password: text().min(1, 'Enter your password').max(1024),
  callbackUrl: text().max(2048).optional(),
});
