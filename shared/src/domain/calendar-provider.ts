import type { CalendarStore } from '../ports/calendar-store';
import type { WorkingCalendar } from '../ports/working-calendar';
import { overrideArrangement, packagedArrangement, type YearArrangement, yearCalendar } from './calendar';
import { type Period, periodYear } from './period';

/**
 * The working-day calendar as it stands now: packaged data unless a coordinator overrode the year.
 * Asynchronous because overrides live in the table; the calendar it hands out is synchronous so that
 * day-by-day arithmetic (due dates, reminder days) stays simple.
 */
export interface CalendarProvider {
  /** Each year's arrangement, override first. */
  arrangements(from: number, to: number): Promise<YearArrangement[]>;
  /** A calendar answering for the years from `from` to `to` (other years throw: ask for what you use). */
  calendarFor(from: number, to: number): Promise<WorkingCalendar>;
  /** Forgets cached overrides (after a write in this process). */
  invalidate(): void;
}

/** The years whose days a period's due date and reminders can fall on: its own and the next. */
export function yearsOfPeriod(period: Period): [number, number] {
  const year = periodYear(period);
  return [year, year + 1];
}

/** A calendar built from a set of arrangements; a day of another year is a programming error. */
export function calendarOf(arrangements: YearArrangement[]): WorkingCalendar {
  const byYear = new Map(arrangements.map((a) => [a.year, yearCalendar(a)]));
  return {
    isWorkingDay(date: string): boolean {
      const calendar = byYear.get(Number(date.slice(0, 4)));
      if (!calendar) throw new Error(`calendar not loaded for ${date}`);
      return calendar.isWorkingDay(date);
    },
  };
}

/**
 * Reads overrides from the store, caching each answer for `cacheMs`: long enough that one request or
 * one reminder run reads the table once, short enough that a PUT by another function shows at once
 * to a person (a write in this process invalidates immediately).
 */
export class StoredCalendarProvider implements CalendarProvider {
  private readonly cache = new Map<number, { at: number; arrangement: YearArrangement }>();

  constructor(
    private readonly store: CalendarStore,
    private readonly cacheMs = 5_000,
  ) {}

  async arrangements(from: number, to: number): Promise<YearArrangement[]> {
    const now = Date.now();
    const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
    const stale = years.filter((y) => {
      const hit = this.cache.get(y);
      return !hit || now - hit.at > this.cacheMs;
    });
    if (stale.length > 0) {
      const lo = Math.min(...stale);
      const hi = Math.max(...stale);
      const overrides = new Map((await this.store.getOverrides(lo, hi)).map((o) => [o.year, o]));
      for (const y of stale) {
        const o = overrides.get(y);
        this.cache.set(y, { at: now, arrangement: o ? overrideArrangement(o) : packagedArrangement(y) });
      }
    }
    return years.map((y) => (this.cache.get(y) as { arrangement: YearArrangement }).arrangement);
  }

  async calendarFor(from: number, to: number): Promise<WorkingCalendar> {
    return calendarOf(await this.arrangements(from, to));
  }

  invalidate(): void {
    this.cache.clear();
  }
}
