import escapeHtml from 'escape-html';

/** Every kind of message the app sends; the audit trail records the kind, never the body. */
export type MailKind = 'invitation' | 'password_reset' | 'mfa_reset_notice';

/** A rendered message: plain text plus simple HTML, and the links it carries. */
export interface MailMessage {
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Printed on the development console, so that a link can be followed without a mail client. */
  links: string[];
}

/** One paragraph of a message, optionally ending in a link (its own line in the text part). */
interface Paragraph {
  say: string;
  link?: { label: string; url: string };
}

/**
 * Renders both parts from the same paragraphs, so they never drift apart. Every value is escaped
 * here, once: templates pass plain strings and cannot forget to.
 */
export function composeMail(
  kind: MailKind,
  to: string,
  subject: string,
  paragraphs: Paragraph[],
): MailMessage {
  const text = paragraphs.map((p) => (p.link ? `${p.say}\n${p.link.url}` : p.say)).join('\n\n');
  const body = paragraphs
    .map((p) => {
      const link = p.link
        ? `<br><a href="${escapeHtml(p.link.url)}">${escapeHtml(p.link.label)}</a>`
        : '';
      return `<p>${escapeHtml(p.say)}${link}</p>`;
    })
    .join('');
  // Inline styles only: mail clients drop <style> elements.
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:sans-serif;line-height:1.5;max-width:36rem">${body}</body></html>`;
  const links = paragraphs.flatMap((p) => (p.link ? [p.link.url] : []));
  return { kind, to, subject, text: `${text}\n`, html, links };
}
