import { z } from 'zod';
import { text } from '@/lib/validation/text';

export const SEARCH_LIMIT_DEFAULT = 10;
export const SEARCH_LIMIT_MAX = 25;

/**
 * `GET /api/patients/search?q=&limit=`: q is 1–100 characters after trimming; limit defaults to
 * 10 and is capped at 25 (a larger number is not an error, just capped). Anything else is a 400.
 */
export const patientSearchQuerySchema = z.object({
  q: text({ error: 'q is required' })
    .trim()
    .min(1, 'q must not be empty')
    .max(100, 'q must be at most 100 characters'),
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .default(SEARCH_LIMIT_DEFAULT)
    .transform((n) => Math.min(n, SEARCH_LIMIT_MAX)),
});
