import type { ReactNode } from 'react';
import { cn } from './cn';

/** What a form control needs to be tied to its label, hint and error. */
export interface FieldControlProps {
  id: string;
  name: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

export interface FieldProps {
  id: string;
  /** The input name; defaults to the id. */
  name?: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  className?: string;
  /** Hide the label visually (it stays for screen readers), e.g. inside table rows. */
  srOnlyLabel?: boolean;
  /** Shown at the end of the label's line, outside the label (e.g. "Forgot password?"). */
  labelAside?: ReactNode;
  children: (control: FieldControlProps) => ReactNode;
}

/**
 * A label, a control, an optional hint and the field's error right below it. The control gets
 * `aria-invalid` and `aria-describedby` pointing at the hint and the error.
 */
export function Field({
  id,
  name,
  label,
  hint,
  error,
  className,
  srOnlyLabel,
  labelAside,
  children,
}: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const labelElement = (
    <label
      htmlFor={id}
      className={cn('block text-sm font-medium text-slate-700', srOnlyLabel && 'sr-only')}
    >
      {label}
    </label>
  );
  return (
    <div className={cn('space-y-1', className)}>
      {labelAside ? (
        <div className="flex items-baseline justify-between gap-2">
          {labelElement}
          {labelAside}
        </div>
      ) : (
        labelElement
      )}
      {children({
        id,
        name: name ?? id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy,
      })}
      {hint && (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
