import { TZDate } from '@date-fns/tz';
import { addMonths, format } from 'date-fns';
import { invalid } from './errors';

/** The office's calendar: every period, due date and "late" is decided in this zone. */
export const OFFICE_TIME_ZONE = 'Asia/Shanghai';

/** A month in `YYYY-MM` form. Sorts lexically == chronologically (range queries on sort keys rely on it). */
export type Period = string;

const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The longest range an aggregate may cover, in months (ten years). */
export const MAX_RANGE_MONTHS = 120;

export function isPeriod(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = PERIOD_PATTERN.exec(value);
  // Due dates and reminders look at the period's year and the next one on the calendar, which is
  // keyed by 4-digit years: the year 9999 has no next, so its months are as malformed as 2020-13.
  return match !== null && Number(match[1]) >= 1900 && Number(match[1]) <= 9998;
}

export function assertPeriod(field: string, value: string | undefined | null): Period {
  if (value === undefined || value === null || value === '') {
    throw invalid(field, `缺少月份 ${field}（格式 YYYY-MM）。`, `Missing month ${field} (format YYYY-MM).`);
  }
  if (!isPeriod(value)) {
    throw invalid(
      field,
      `月份“${value.slice(0, 20)}”格式有误，应为 YYYY-MM，例如 2020-07。`,
      `Month "${value.slice(0, 20)}" is malformed; use YYYY-MM, e.g. 2020-07.`,
    );
  }
  return value;
}

export function periodYear(period: Period): number {
  return Number(period.slice(0, 4));
}

export function periodMonth(period: Period): number {
  return Number(period.slice(5, 7));
}

/** The period `months` after (or before, if negative) the given one. */
export function shiftPeriod(period: Period, months: number): Period {
  const total = periodYear(period) * 12 + (periodMonth(period) - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** Number of months from `from` to `to`, both included (0 when `from` is after `to`). */
export function countPeriods(from: Period, to: Period): number {
  const diff = periodYear(to) * 12 + periodMonth(to) - (periodYear(from) * 12 + periodMonth(from));
  return diff < 0 ? 0 : diff + 1;
}

/** Every period from `from` to `to`, both included, in order. */
export function listPeriods(from: Period, to: Period): Period[] {
  const n = countPeriods(from, to);
  return Array.from({ length: n }, (_, i) => shiftPeriod(from, i));
}

/** The period that `instant` falls in, on the office's calendar. */
export function periodOf(instant: Date): Period {
  return format(new TZDate(instant, OFFICE_TIME_ZONE), 'yyyy-MM');
}

/** The calendar date (`YYYY-MM-DD`) that `instant` falls on, on the office's calendar. */
export function officeDateOf(instant: Date): string {
  return format(new TZDate(instant, OFFICE_TIME_ZONE), 'yyyy-MM-dd');
}

/** The month just ended: what a clerk reports by default. */
export function previousPeriod(instant: Date): Period {
  return shiftPeriod(periodOf(instant), -1);
}

/** A period is in the future until its first day has begun in Asia/Shanghai. */
export function isFuturePeriod(period: Period, now: Date): boolean {
  return period > periodOf(now);
}

/** The first instant after the end of `date` (YYYY-MM-DD) in Asia/Shanghai. */
export function endOfOfficeDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d + 1, 0, 0, 0, OFFICE_TIME_ZONE).getTime());
}

/** Checks a from/to pair as aggregates and reports need it. */
export function assertRange(from: string | undefined, to: string | undefined): { from: Period; to: Period } {
  const f = assertPeriod('from', from);
  const t = assertPeriod('to', to);
  if (f > t) {
    throw invalid(
      'from',
      `起始月份 ${f} 晚于结束月份 ${t}。`,
      `The start month ${f} is after the end month ${t}.`,
    );
  }
  if (countPeriods(f, t) > MAX_RANGE_MONTHS) {
    throw invalid(
      'to',
      `查询范围最多 ${MAX_RANGE_MONTHS} 个月。`,
      `A range may cover at most ${MAX_RANGE_MONTHS} months.`,
    );
  }
  return { from: f, to: t };
}

/** The first day of the month after `period`, as YYYY-MM-DD. */
export function firstDayAfter(period: Period): string {
  return `${shiftPeriod(period, 1)}-01`;
}

export { addMonths };
