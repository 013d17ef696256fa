import chineseDays from 'chinese-days';
import type { WorkingCalendar } from '../ports/working-calendar';
import { invalid } from './errors';

/**
 * Where a year's working-day arrangement comes from: the packaged State Council data (`official`),
 * a coordinator's override stored in the table (`override`), or neither (`fallback`: weekends and the
 * fixed-date statutory holidays only, because the lunar holidays and the 调休 swaps are unknown).
 */
export type CalendarSource = 'official' | 'override' | 'fallback';

/** One year's arrangement as the API shows it (`GET /api/calendar/{year}`). */
export interface YearArrangement {
  year: number;
  source: CalendarSource;
  /** Days off by the arrangement (`YYYY-MM-DD`, sorted). */
  holidays: string[];
  /** Make-up working days that fall on a weekend (`YYYY-MM-DD`, sorted). */
  workdays: string[];
}

/** A coordinator's arrangement of one year, as stored. */
export interface CalendarOverride {
  year: number;
  holidays: string[];
  workdays: string[];
  updatedBy: string;
  updatedAt: string;
}

/** Years outside this range are refused: the packaged data starts in 2004 and nobody plans 2100. */
export const MIN_CALENDAR_YEAR = 2000;
export const MAX_CALENDAR_YEAR = 2099;

/**
 * Statutory holidays whose Gregorian date is fixed (全国年节及纪念日放假办法, as amended in 2024):
 * 元旦 1 Jan, 劳动节 1–2 May, 国庆节 1–3 Oct. The lunar ones (春节, 清明, 端午, 中秋) and the 调休
 * swaps need the yearly notice, which is exactly what a fallback year lacks.
 */
const FIXED_DATE_HOLIDAYS = ['01-01', '05-01', '05-02', '10-01', '10-02', '10-03'];

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

export function isValidDate(value: string): boolean {
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Whether `chinese-days` carries the State Council's arrangement for that year. */
export function hasOfficialData(year: number): boolean {
  return chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
}

/** The packaged arrangement of a year: official when `chinese-days` knows it, else the fallback. */
export function packagedArrangement(year: number): YearArrangement {
  if (!hasOfficialData(year)) {
    return {
      year,
      source: 'fallback',
      holidays: FIXED_DATE_HOLIDAYS.map((md) => `${year}-${md}`),
      workdays: [],
    };
  }
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  return {
    year,
    source: 'official',
    holidays: chineseDays.getHolidaysInRange(from, to, false).sort(),
    workdays: chineseDays.getWorkdaysInRange(from, to, true).filter(isWeekend).sort(),
  };
}

export function overrideArrangement(o: CalendarOverride): YearArrangement {
  return { year: o.year, source: 'override', holidays: [...o.holidays], workdays: [...o.workdays] };
}

/**
 * A year's working days from its arrangement: a make-up day works, a holiday does not, otherwise
 * Monday to Friday. Official years ask `chinese-days` directly (the same answers, without the sets).
 */
export function yearCalendar(arrangement: YearArrangement): WorkingCalendar {
  if (arrangement.source === 'official') return { isWorkingDay: (date) => chineseDays.isWorkday(date) };
  const holidays = new Set(arrangement.holidays);
  const workdays = new Set(arrangement.workdays);
  return {
    isWorkingDay: (date) => workdays.has(date) || (!holidays.has(date) && !isWeekend(date)),
  };
}

export function assertCalendarYear(value: string | undefined): number {
  if (
    !value ||
    !/^\d{4}$/.test(value) ||
    Number(value) < MIN_CALENDAR_YEAR ||
    Number(value) > MAX_CALENDAR_YEAR
  ) {
    throw invalid(
      'year',
      `年份“${(value ?? '').slice(0, 10)}”有误，应为 ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR} 之间的四位数字。`,
      `Year "${(value ?? '').slice(0, 10)}" is not valid: use four digits between ${MIN_CALENDAR_YEAR} and ${MAX_CALENDAR_YEAR}.`,
    );
  }
  return Number(value);
}

/**
 * Checks a coordinator's arrangement: real dates of that year, no day both off and working, and
 * make-up days only on weekends (a weekday is a working day anyway). Returns the lists sorted and
 * without repeats.
 */
export function normalizeOverride(
  year: number,
  body: { holidays: string[]; workdays: string[] },
): { holidays: string[]; workdays: string[] } {
  const check = (field: 'holidays' | 'workdays', list: string[]) => {
    list.forEach((d, i) => {
      if (!isValidDate(d) || !d.startsWith(`${year}-`)) {
        throw invalid(
          `${field}.${i}`,
          `日期“${d.slice(0, 20)}”无效或不在 ${year} 年内（格式 YYYY-MM-DD）。`,
          `Date "${d.slice(0, 20)}" is not a valid date of ${year} (format YYYY-MM-DD).`,
        );
      }
      if (field === 'workdays' && !isWeekend(d)) {
        throw invalid(
          `${field}.${i}`,
          `${d} 是周一至周五，本来就是工作日；调休上班日只需列出周末的日期。`,
          `${d} is a weekday, a working day anyway; list only make-up days that fall on a weekend.`,
        );
      }
    });
    return [...new Set(list)].sort();
  };
  const holidays = check('holidays', body.holidays);
  const workdays = check('workdays', body.workdays);
  const both = workdays.find((d) => holidays.includes(d));
  if (both) {
    throw invalid(
      'workdays',
      `${both} 不能既是假日又是调休上班日。`,
      `${both} cannot be both a holiday and a make-up working day.`,
    );
  }
  return { holidays, workdays };
}
