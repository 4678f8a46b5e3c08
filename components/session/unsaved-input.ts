/**
 * True when a form on the page holds input the user typed or chose and has not saved: a field
 * whose value differs from the one the page was rendered with. Read just before a tab re-renders
 * for another session, which clears such forms (components/session/clinic-frame.tsx), so the
 * announcement can say so.
 */
export function hasUnsavedInput(root: ParentNode = document): boolean {
  for (const field of root.querySelectorAll(
    'main form input, main form textarea, main form select',
  )) {
    if (field instanceof HTMLInputElement) {
      if (field.type === 'checkbox' || field.type === 'radio') {
        if (field.checked !== field.defaultChecked) return true;
      } else if (field.type !== 'hidden' && field.value !== field.defaultValue) return true;
    } else if (field instanceof HTMLTextAreaElement) {
      if (field.value !== field.defaultValue) return true;
    } else if (field instanceof HTMLSelectElement) {
      if ([...field.options].some((o) => o.selected !== o.defaultSelected)) return true;
    }
  }
  return false;
}
