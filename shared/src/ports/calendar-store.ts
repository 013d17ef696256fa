import type { CalendarOverride } from '../domain/calendar';

/** Coordinators' working-day arrangements, one per year (absent = the packaged data applies). */
export interface CalendarStore {
  /** The overrides of the years from `from` to `to`, both included. */
  getOverrides(from: number, to: number): Promise<CalendarOverride[]>;
  /** Creates or replaces a year's override; `created` is false on replace. */
  putOverride(override: CalendarOverride): Promise<{ created: boolean }>;
}
