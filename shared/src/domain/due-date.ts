import type { WorkingCalendar } from '../ports/working-calendar';
import { endOfOfficeDay, firstDayAfter, type Period } from './period';

/** How due dates are set: the Nth working day of the month after the period. */
export interface DuePolicy {
  workingDayOfNextMonth: number;
}

export const DEFAULT_DUE_POLICY: DuePolicy = { workingDayOfNextMonth: 5 };

/** Adds `days` calendar days to a YYYY-MM-DD date (UTC arithmetic: dates carry no zone here). */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The Nth working day on or after `start` (N = 1 is the first working day). */
export function nthWorkingDayFrom(start: string, n: number, calendar: WorkingCalendar): string {
  let date = start;
  let seen = 0;
  // A year never has more than ~40 consecutive non-working days; the bound only guards bad calendars.
  for (let guard = 0; guard < 400; guard++) {
    if (calendar.isWorkingDay(date)) {
      seen++;
      if (seen === n) return date;
    }
    date = addDays(date, 1);
  }
  throw new Error(`no ${n}th working day found after ${start}`);
}

/** The due date (YYYY-MM-DD, Asia/Shanghai) of a period. */
export function dueDateOf(
  period: Period,
  calendar: WorkingCalendar,
  policy: DuePolicy = DEFAULT_DUE_POLICY,
): string {
  return nthWorkingDayFrom(firstDayAfter(period), policy.workingDayOfNextMonth, calendar);
}

/** Late means after the end of the due date in Asia/Shanghai. */
export function isAfterDueDate(instant: Date, dueDate: string): boolean {
  return instant.getTime() >= endOfOfficeDay(dueDate).getTime();
}
