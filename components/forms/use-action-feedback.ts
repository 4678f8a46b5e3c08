'use client';
import { useCallback, useMemo, useState } from 'react';
import { toast } from 'sonner';

/** One message per field, keyed by the input's top-level field name. */
export type FieldErrors = Partial<Record<string, string>>;

/** What next-safe-action hands `onError`, reduced to what the forms use. */
export interface ActionErrorLike {
  serverError?: unknown;
  validationErrors?: unknown;
  thrownError?: Error;
}

type ParseResult =
  | { success: true }
  | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };

/** A schema the forms can pre-validate with: the very zod schema the action enforces. */
export interface ClientSchema {
  safeParse(input: unknown): ParseResult;
}

/** One with asynchronous checks (the create-user schema's password policy). */
interface AsyncClientSchema {
  safeParseAsync(input: unknown): Promise<ParseResult>;
}

/**
 * Reads next-safe-action's validation errors (the default "formatted" shape,
 * `{ _errors, field: { _errors } }`, or the "flattened" one) into field messages plus form-level
 * messages.
 */
export function readValidationErrors(ve: unknown): { fields: FieldErrors; form: string[] } {
  const fields: FieldErrors = {};
  const form: string[] = [];
  if (!ve || typeof ve !== 'object') return { fields, form };
  const record = ve as Record<string, unknown>;
  if ('fieldErrors' in record || 'formErrors' in record) {
    for (const [key, messages] of Object.entries(
      (record.fieldErrors ?? {}) as Record<string, string[] | undefined>,
    )) {
      if (messages?.[0]) fields[key] = messages[0];
    }
    form.push(...((record.formErrors as string[] | undefined) ?? []));
    return { fields, form };
  }
  for (const [key, value] of Object.entries(record)) {
    if (key === '_errors') form.push(...((value as string[] | undefined) ?? []));
    else {
      const first = (value as { _errors?: string[] } | undefined)?._errors?.[0];
      if (first) fields[key] = first;
    }
  }
  return { fields, form };
}

export interface ActionFeedbackOptions<D> {
  /** The success toast; omit for silent success. */
  success?: string | ((data: D) => string);
  onSuccess?: (data: D) => void;
}

/**
 * The forms' shared error handling: field errors go next to the fields (`fieldErrors`), and
 * everything else (server errors, form-level validation errors, network failures) becomes one
 * toast. Spread `callbacks` into `useAction(action, callbacks)`.
 */
export function useActionFeedback<D>(options: ActionFeedbackOptions<D> = {}) {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const { success, onSuccess } = options;

  const callbacks = useMemo(
    () => ({
      onExecute: () => setFieldErrors({}),
      onSuccess: ({ data }: { data: D }) => {
        if (success) toast.success(typeof success === 'function' ? success(data) : success);
        onSuccess?.(data);
      },
      onError: ({ error }: { error: ActionErrorLike }) => {
        if (typeof error.serverError === 'string') {
          toast.error(error.serverError);
          return;
        }
        if (error.validationErrors) {
          const { fields, form } = readValidationErrors(error.validationErrors);
          setFieldErrors(fields);
          if (form.length > 0) toast.error(form.join(' '));
          else if (Object.keys(fields).length === 0) toast.error('Please check the form.');
          return;
        }
        toast.error(
          error.thrownError
            ? 'Could not reach the server. Check your connection and try again.'
            : 'Something went wrong.',
        );
      },
    }),
    [success, onSuccess],
  );

  const show = useCallback((result: ParseResult): boolean => {
    if (result.success) return true;
    const fields: FieldErrors = {};
    const form: string[] = [];
    for (const issue of result.error.issues) {
      const key = issue.path[0];
      if (typeof key === 'string') fields[key] ??= issue.message;
      else form.push(issue.message);
    }
    setFieldErrors(fields);
    if (form.length > 0) toast.error(form.join(' '));
    return false;
  }, []);

  /** Runs the action's schema in the browser first; false (with field errors shown) if invalid. */
  const validate = useCallback(
    (schema: ClientSchema, input: unknown) => show(schema.safeParse(input)),
    [show],
  );
  /** The same for a schema with asynchronous checks. */
  const validateAsync = useCallback(
    async (schema: AsyncClientSchema, input: unknown) => show(await schema.safeParseAsync(input)),
    [show],
  );

  /**
   * After a field with an error changes, checks the form again with its schema: the error clears
   * once the field is fixed (or changes to the field's new problem). Fields without an error are
   * left alone, so nobody is scolded while still typing.
   */
  const recheck = useCallback((schema: ClientSchema, input: unknown, field: string) => {
    setFieldErrors((current) => {
      if (!current[field]) return current;
      const result = schema.safeParse(input);
      const issue = result.success
        ? undefined
        : result.error.issues.find((i) => i.path[0] === field);
      if (issue?.message === current[field]) return current;
      const { [field]: _fixed, ...rest } = current;
      return issue ? { ...rest, [field]: issue.message } : rest;
    });
  }, []);

  /**
   * A form's `onChange`: the error of the field just edited goes, since it was about the old
   * value (the next submit checks again). The event names the field by its input's `name`.
   */
  const clearEdited = useCallback((e: { target: EventTarget }) => {
    const name = (e.target as { name?: unknown }).name;
    if (typeof name !== 'string') return;
    setFieldErrors((current) => {
      if (!current[name]) return current;
      const { [name]: _edited, ...rest } = current;
      return rest;
    });
  }, []);

  return { fieldErrors, setFieldErrors, callbacks, validate, validateAsync, recheck, clearEdited };
}
