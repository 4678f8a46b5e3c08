'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  checkPassword,
  loadPasswordEstimator,
  personalWords,
} from '@/lib/auth/password-policy';

export const NEW_PASSWORD_HINT = `${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters; easily guessed passwords (including ones made of your name or address) are refused. A few unrelated words work well.`;

/**
 * The policy's verdict in the browser, with the same personal words the server uses; null when
 * acceptable, or when the dictionaries cannot be fetched (the server checks the same anyway).
 */
export async function newPasswordProblem(
  password: string,
  person: { name: string; email: string },
): Promise<string | null> {
  const refusal = await checkPassword(password, personalWords(person)).catch(() => null);
  return refusal?.message ?? null;
}

/** A new-password input with show/hide, warming up the policy's dictionaries on focus. */
export function NewPasswordField({
  id,
  label,
  hint = NEW_PASSWORD_HINT,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const [show, setShow] = useState(false);
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(p) => (
        <div className="flex gap-2">
          <Input
            {...p}
            type={show ? 'text' : 'password'}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            // Fetch the dictionaries while the password is typed; submit retries a failure.
            onFocus={() => loadPasswordEstimator().catch(() => {})}
            autoComplete="new-password"
            required
            maxLength={PASSWORD_MAX_LENGTH * 2}
          />
          <Button
            variant="ghost"
            size="sm"
            aria-pressed={show}
            aria-controls={p.id}
            onClick={() => setShow((s) => !s)}
          >
            {show ? 'Hide' : 'Show'}
          </Button>
        </div>
      )}
    </Field>
  );
}
