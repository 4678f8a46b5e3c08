'use client';
import { useId, useRef, type ReactNode } from 'react';
import { Button, type ButtonSize, type ButtonVariant } from './button';

export interface ConfirmButtonProps {
  /** The button that opens the dialog. */
  children: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  confirmLabel: string;
  /** The button that closes the dialog without doing anything (default "Cancel"). */
  cancelLabel?: string;
  onConfirm: () => void;
  pending?: boolean;
  variant?: ButtonVariant;
  size?: ButtonSize;
  disabled?: boolean;
  /** Accessible name when the visible label alone is ambiguous (e.g. "Remove" in a table row). */
  'aria-label'?: string;
}

/**
 * A button that asks first, in a native modal <dialog>: focus moves into it, Escape and Cancel
 * close it, and focus returns to the button afterwards.
 */
export function ConfirmButton({
  children,
  title,
  description,
  confirmLabel,
  cancelLabel = 'Cancel',
  onConfirm,
  pending,
  variant = 'danger',
  size = 'sm',
  disabled,
  'aria-label': ariaLabel,
}: ConfirmButtonProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const close = () => dialogRef.current?.close();
  return (
    <>
      <Button
        variant={variant}
        size={size}
        pending={pending}
        disabled={disabled}
        aria-label={ariaLabel}
        aria-haspopup="dialog"
        onClick={() => dialogRef.current?.showModal()}
      >
        {children}
      </Button>
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="px-5 pt-5">
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          {description && (
            <div id={descriptionId} className="mt-2 text-sm text-slate-600">
              {description}
            </div>
          )}
        </div>
        <div className="mt-5 flex justify-end gap-2 border-t border-slate-100 bg-slate-50 px-5 py-3">
          <Button variant="secondary" onClick={close} autoFocus>
            {cancelLabel}
          </Button>
          <Button
            variant={variant === 'danger' ? 'danger' : 'primary'}
            onClick={() => {
              close();
              onConfirm();
            }}
          >
            {confirmLabel}
          </Button>
        </div>
      </dialog>
    </>
  );
}
