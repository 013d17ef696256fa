import type { DuePolicy } from '../domain/due-date';
import type { CatalogStore } from '../ports/catalog-store';
import type { Clock } from '../ports/clock';
import type { SubmissionStore } from '../ports/submission-store';
import type { WorkingCalendar } from '../ports/working-calendar';

/** What the use-cases need from the outside world; built once per cold start in lambda/src/wiring.ts. */
export interface Deps {
  catalog: CatalogStore;
  submissions: SubmissionStore;
  clock: Clock;
  calendar: WorkingCalendar;
  duePolicy: DuePolicy;
  /** Bounded retries back off through this (the platform's timer; tests may pass an instant one). */
  sleep: (ms: number) => Promise<void>;
}
