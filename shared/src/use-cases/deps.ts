import type { CalendarProvider } from '../domain/calendar-provider';
import type { Contact } from '../domain/catalog';
import type { DuePolicy } from '../domain/due-date';
import type { Lang } from '../domain/localized';
import type { ReminderSchedule } from '../domain/reminder-schedule';
import type { CalendarStore } from '../ports/calendar-store';
import type { CatalogStore } from '../ports/catalog-store';
import type { Clock } from '../ports/clock';
import type { Notifier, OutboxStore, ReminderChannel, ReminderMetrics } from '../ports/notifier';
import type { ReminderLog } from '../ports/reminder-log';
import type { SubmissionStore } from '../ports/submission-store';

/** What the use-cases need from the outside world; built once per cold start in lambda/src/wiring.ts. */
export interface Deps {
  catalog: CatalogStore;
  submissions: SubmissionStore;
  clock: Clock;
  /** The working-day calendar with coordinators' overrides: ask it for the years you need. */
  calendars: CalendarProvider;
  calendarStore: CalendarStore;
  duePolicy: DuePolicy;
  reminders: ReminderServices;
  /** Bounded retries back off through this (the platform's timer; tests may pass an instant one). */
  sleep: (ms: number) => Promise<void>;
}

/** Where reminders go on the enabled channels; resolved on first use (deployed, from a secret). */
export interface ReminderDelivery {
  notifiers: Partial<Record<ReminderChannel, Notifier>>;
  /** Recipients of the escalation digest. */
  coordinators: Contact[];
  /** For a department with no contact on an enabled channel, e.g. the office's group robot. */
  fallbackContacts: Contact[];
}

export interface ReminderServices {
  log: ReminderLog;
  /** The local stand-in for e-mail; null when deployed with real e-mail. */
  outbox: OutboxStore | null;
  metrics: ReminderMetrics;
  schedule: ReminderSchedule;
  lang: Lang;
  /** The add-in's task pane, linked from every message. */
  link: string;
  delivery(): Promise<ReminderDelivery>;
}
