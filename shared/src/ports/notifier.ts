import type { Contact } from '../domain/catalog';
import type { Period } from '../domain/period';

/** The ways a reminder reaches people (a department's `contacts` name the same channels). */
export type ReminderChannel = Contact['channel'];

export type ReminderKind = 'reminder' | 'escalation';

/** One message to one address; `departmentId` is null for the coordinators' escalation digest. */
export interface OutgoingMessage {
  channel: ReminderChannel;
  to: string;
  subject: string;
  body: string;
  /** The add-in's task pane, where the department reports. */
  link: string;
  departmentId: string | null;
  period: Period;
  kind: ReminderKind;
}

/** Delivers messages on one channel (SES e-mail, the local outbox, a robot webhook). */
export interface Notifier {
  readonly channel: ReminderChannel;
  /** How many times one message is tried before it counts as failed (1 = no retry). */
  readonly attempts: number;
  /** Delivers one message, or throws; the caller retries up to `attempts` times. */
  deliver(message: OutgoingMessage): Promise<void>;
}

/** A message as the local outbox keeps it (`GET /api/reminders/outbox`). */
export interface OutboxMessage {
  to: string;
  channel: ReminderChannel;
  subject: string;
  body: string;
  departmentId: string | null;
  period: Period;
  sentAt: string;
}

/** Where the local stand-in for e-mail puts what it "sends" (kept in the table, so it survives restarts). */
export interface OutboxStore {
  add(message: OutboxMessage): Promise<void>;
  /** Oldest first. */
  list(): Promise<OutboxMessage[]>;
}

/** Counts deliveries that failed after every retry (an alarm watches it when deployed). */
export interface ReminderMetrics {
  deliveryFailed(message: OutgoingMessage): void;
  /** Publishes what was counted (end of a run). */
  flush(): void;
}
