'use client';
import type { PractitionerChoice } from '@/lib/appointments/types';
import { AsyncSelect } from './async-select';
import { fetchItems } from './fetch-items';

export type { PractitionerChoice };

export const STAFF_PICKER_LIMIT = 50;

/** `clinic_admin` → "Clinic admin": display only, never used to decide anything. */
export function roleLabel(role: string): string {
  const words = role.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function practitionerOptionLabel(p: PractitionerChoice): string {
  return `${p.label} · ${roleLabel(p.role)}`;
}

export interface PractitionerPickerProps {
  instanceId: string;
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
  value: PractitionerChoice | null;
  onChange: (practitioner: PractitionerChoice | null) => void;
  /** Only members with this clinic role (validated by the route). */
  role?: string;
  isDisabled?: boolean;
}

/**
 * Picks a member of the active clinic (GET /api/staff/search). Staff lists are short, so the
 * options load up front and typing narrows them by name or email.
 */
export function PractitionerPicker({
  instanceId,
  id,
  value,
  onChange,
  role,
  isDisabled,
  ...aria
}: PractitionerPickerProps) {
  return (
    <AsyncSelect<PractitionerChoice>
      instanceId={instanceId}
      inputId={id}
      aria-invalid={aria['aria-invalid']}
      aria-describedby={aria['aria-describedby']}
      value={value}
      onChange={onChange}
      isDisabled={isDisabled}
      placeholder="Choose or type a name…"
      minChars={0}
      preload
      noMatchesText="No staff member matches"
      load={(q, signal) => {
        const params = new URLSearchParams({ q, limit: String(STAFF_PICKER_LIMIT) });
        if (role) params.set('role', role);
        return fetchItems<PractitionerChoice>(`/api/staff/search?${params}`, signal);
      }}
      getOptionValue={(p) => p.id}
      getOptionLabel={practitionerOptionLabel}
      formatOptionLabel={(p, { context }) =>
        context === 'value' ? (
          practitionerOptionLabel(p)
        ) : (
          <span className="flex flex-wrap items-baseline gap-x-2">
            <span className="font-medium">{p.label}</span>
            <span className="text-xs text-slate-600">{roleLabel(p.role)}</span>
          </span>
        )
      }
    />
  );
}
