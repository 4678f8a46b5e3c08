import 'server-only';
import { cache } from 'react';
import { listUserClinics } from '@/db/control/memberships';
import { tenantDb } from '@/db/tenant';
import { settingValues } from '@/lib/settings/resolve';

/**
 * Reads that several parts of one request need (the layout's header and the page's clinic
 * context render at the same time), made once per request: React's cache() shares the promise.
 * Nothing here outlives the request, so a membership removed or a setting changed counts from the
 * next one.
 */

/** The user's memberships in active clinics: the header's switcher and the clinic context. */
export const userClinics = cache((userId: string) => listUserClinics(userId));

/**
 * A clinic's effective settings: its MFA policy (clinic context), display name (header) and
 * timezone (the patient list's dates).
 */
export const clinicSettings = cache((clinicId: string) => tenantDb(clinicId).read(settingValues));
