/** Words for the audit log: pure, shared by the page and its tests. */

/** What each kind of audited entity is called; unknown kinds fall back to their own name. */
const ENTITY_TYPE_LABELS: Record<string, string> = {
  patient: 'Patient',
  appointment: 'Appointment',
  membership: 'Member',
  user: 'User',
  export: 'Export',
  file_attachment: 'File',
  invitation: 'Invitation',
  setting: 'Setting',
  support_session: 'Support session',
  retention_run: 'Retention run',
  clinic: 'Clinic',
  user_session: 'Sign-in session',
  patient_list: 'Patient list',
  appointment_list: 'Appointment list',
  monthly_report: 'Monthly report',
};

export function entityTypeLabel(type: string): string {
  if (Object.hasOwn(ENTITY_TYPE_LABELS, type)) return ENTITY_TYPE_LABELS[type]!;
  const words = type.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "1 event", "2 events", "1,234 events". */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? singular : plural}`;
}
