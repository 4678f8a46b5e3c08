'use client';
import { useAction } from 'next-safe-action/hooks';
import { useState, type FormEvent } from 'react';
import { useActionFeedback } from '@/components/forms/use-action-feedback';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { createClinicAction } from '@/lib/control/actions/create-clinic';
import { deactivateClinicAction } from '@/lib/control/actions/deactivate-clinic';
import { reactivateClinicAction } from '@/lib/control/actions/reactivate-clinic';
import { createClinicSchema } from '@/lib/control/schemas';

/** "Northside Family Practice" → "northside-family-practice", cut to the slug's 40 characters. */
function suggestSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

export function CreateClinicForm({ timezones }: { timezones: readonly string[] }) {
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [timezone, setTimezone] = useState('UTC');
  const feedback = useActionFeedback<{ name: string }>({
    success: (clinic) => `Clinic “${clinic.name}” created.`,
    onSuccess: () => {
      setName('');
      setSlug('');
      setSlugEdited(false);
    },
  });
  const create = useAction(createClinicAction, feedback.callbacks);
  const effectiveSlug = slugEdited ? slug : suggestSlug(name);
  const errors = feedback.fieldErrors;

  function submit(e: FormEvent) {
    e.preventDefault();
    const input = { name, slug: effectiveSlug, timezone };
    if (feedback.validate(createClinicSchema, input)) create.execute(input);
  }

  return (
    <form
      onChange={feedback.clearEdited}
      onSubmit={submit}
      noValidate
      className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4"
    >
      <Field id="clinic-name" label="Name" error={errors.name} className="lg:col-span-1">
        {(p) => (
          <Input
            {...p}
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="off"
            required
          />
        )}
      </Field>
      <Field
        id="clinic-slug"
        label="Slug"
        hint="Lowercase letters, digits and hyphens."
        error={errors.slug}
      >
        {(p) => (
          <Input
            {...p}
            value={effectiveSlug}
            onChange={(e) => {
              setSlugEdited(true);
              setSlug(e.target.value);
            }}
            autoComplete="off"
            spellCheck={false}
            required
          />
        )}
      </Field>
      <Field id="clinic-timezone" label="Timezone" error={errors.timezone}>
        {(p) => (
          <Select
            {...p}
            value={timezone}
            onChange={(e) => setTimezone(e.target.value)}
            options={timezones.map((tz) => ({ value: tz, label: tz.replaceAll('_', ' ') }))}
          />
        )}
      </Field>
      <div className="flex items-start sm:col-span-2 sm:pt-6 lg:col-span-1">
        <Button type="submit" pending={create.isPending} pendingLabel="Creating…">
          Create clinic
        </Button>
      </div>
    </form>
  );
}

export function ClinicStatusButton({
  clinic,
}: {
  clinic: { id: string; name: string; active: boolean; memberCount: number };
}) {
  const deactivateFeedback = useActionFeedback({ success: `${clinic.name} deactivated.` });
  const reactivateFeedback = useActionFeedback({ success: `${clinic.name} reactivated.` });
  const deactivate = useAction(deactivateClinicAction, deactivateFeedback.callbacks);
  const reactivate = useAction(reactivateClinicAction, reactivateFeedback.callbacks);

  if (!clinic.active) {
    return (
      <Button
        variant="secondary"
        size="sm"
        pending={reactivate.isPending}
        aria-label={`Reactivate ${clinic.name}`}
        onClick={() => reactivate.execute({ clinicId: clinic.id })}
      >
        Reactivate
      </Button>
    );
  }
  return (
    <ConfirmButton
      aria-label={`Deactivate ${clinic.name}`}
      title={`Deactivate ${clinic.name}?`}
      description={
        <p>
          Its {clinic.memberCount === 1 ? 'member loses' : `${clinic.memberCount} members lose`}{' '}
          access on their next request. No data is deleted, and you can reactivate it at any time.
        </p>
      }
      confirmLabel="Deactivate"
      pending={deactivate.isPending}
      onConfirm={() => deactivate.execute({ clinicId: clinic.id })}
    >
      Deactivate
    </ConfirmButton>
  );
}
