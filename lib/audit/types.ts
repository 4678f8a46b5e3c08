/** The audit page's DTOs: plain data, so components can take them as props. */

/** An audited entity as a person reads it: what it is, its name here, and where it lives. */
export interface AuditEntityView {
  /** "Patient", "Appointment", "Member"… */
  typeLabel: string;
  /** Its readable name in this clinic (an MRN, a member's name…), or null when none is known. */
  label: string | null;
  /** The page of the entity, when it has one the reader can open. */
  href: string | null;
}

/**
 * One audit row as the audit page shows it: who, what, on which entity (named inside this clinic),
 * the outcome and the request id; never IPs or metadata values.
 */
export interface AuditEventDto {
  id: string;
  /** ISO 8601 (UTC). */
  occurredAt: string;
  /** The same instant in the clinic's timezone and time format, e.g. "4 Mar 2026, 14:05:09". */
  occurredAtLabel: string;
  actorUserId: string | null;
  actorName: string;
  /** The actor's e-mail, when they are a member of this clinic. */
  actorEmail: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  /** The entity in words (null when the event names none). */
  entity: AuditEntityView | null;
  outcome: 'success' | 'failure' | 'denied';
  requestId: string | null;
}
