'use client';
import type { PatientChoice } from '@/lib/appointments/types';
import { SEARCH_PLACEHOLDER } from '@/lib/patients/search-terms';
import { AsyncSelect } from './async-select';
import { fetchItems } from './fetch-items';
import { formatDay } from '@/lib/dates/format';

export type { PatientChoice };

export const PATIENT_SEARCH_LIMIT = 20;

/** "Family, Given · MRN · DOB": enough to tell two patients of the same name apart. */
export function patientOptionLabel(p: PatientChoice): string {
  return [p.label, p.mrn, p.dateOfBirth && formatDay(p.dateOfBirth, { weekday: false })]
    .filter(Boolean)
    .join(' · ');
}

export interface PatientPickerProps {
  instanceId: string;
  /** From Field: the input id, aria-invalid and aria-describedby. */
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
  value: PatientChoice | null;
  onChange: (patient: PatientChoice | null) => void;
  isDisabled?: boolean;
}

/**
 * Finds a patient of the active clinic by name, MRN, phone, e-mail or date of birth
 * (GET /api/patients/search; the accepted forms are in lib/patients/search-terms.ts).
 */
export function PatientPicker({
  instanceId,
  id,
  value,
  onChange,
  isDisabled,
  ...aria
}: PatientPickerProps) {
  return (
    <AsyncSelect<PatientChoice>
      instanceId={instanceId}
      inputId={id}
      aria-invalid={aria['aria-invalid']}
      aria-describedby={aria['aria-describedby']}
      value={value}
      onChange={onChange}
      isDisabled={isDisabled}
      placeholder={`${SEARCH_PLACEHOLDER}…`}
      minChars={1}
      noMatchesText="No patient matches"
      load={(q, signal) =>
        fetchItems<PatientChoice>(
          `/api/patients/search?${new URLSearchParams({ q, limit: String(PATIENT_SEARCH_LIMIT) })}`,
          signal,
        )
      }
      getOptionValue={(p) => p.id}
      getOptionLabel={patientOptionLabel}
      formatOptionLabel={(p, { context }) =>
        context === 'value' ? (
          patientOptionLabel(p)
        ) : (
          <span className="flex flex-wrap items-baseline gap-x-2">
            <span className="font-medium">{p.label}</span>
            <span className="font-mono text-xs text-slate-600">{p.mrn}</span>
            <span className="text-xs text-slate-600">
              born {formatDay(p.dateOfBirth, { weekday: false })}
            </span>
          </span>
        )
      }
    />
  );
}
