import type { Ref, SelectHTMLAttributes } from 'react';
import { cn } from './cn';
import { controlClasses } from './input';

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface SelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  ref?: Ref<HTMLSelectElement>;
  options?: readonly SelectOption[];
  /** A first, empty option ("Choose…") for required choices without a default. */
  placeholder?: string;
}

/** A native select: keyboard, screen reader and mobile behaviour come for free. */
export function Select({ className, options, placeholder, children, ...rest }: SelectProps) {
  return (
    <select className={cn(controlClasses, 'pr-8', className)} {...rest}>
      {placeholder !== undefined && (
        <option value="" disabled>
          {placeholder}
        </option>
      )}
      {options?.map((o) => (
        <option key={o.value} value={o.value} disabled={o.disabled}>
          {o.label}
        </option>
      ))}
      {children}
    </select>
  );
}
