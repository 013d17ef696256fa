import { assertCalendarYear, normalizeOverride, type YearArrangement } from '../domain/calendar';
import { yearsOfPeriod } from '../domain/calendar-provider';
import { dueDateOf } from '../domain/due-date';
import { type Lang, text } from '../domain/localized';
import { type Period, periodOf } from '../domain/period';
import { forbidden, isUnscopedCoordinator, type Principal } from '../domain/principal';
import type { WorkingCalendar } from '../ports/working-calendar';
import type { Deps } from './deps';

/** The calendar that decides a period's due date and reminder days (its own year and the next). */
export async function calendarForPeriod(
  period: Period,
  deps: Pick<Deps, 'calendars'>,
): Promise<WorkingCalendar> {
  const [from, to] = yearsOfPeriod(period);
  return deps.calendars.calendarFor(from, to);
}

/** A period's due date on the calendar as it stands now: overrides apply at once. */
export async function dueDateFor(
  period: Period,
  deps: Pick<Deps, 'calendars' | 'duePolicy'>,
): Promise<string> {
  return dueDateOf(period, await calendarForPeriod(period, deps), deps.duePolicy);
}

/** `GET /api/calendar/{year}`: any signed-in caller may read the arrangement. */
export async function getCalendarYear(
  year: string | undefined,
  deps: Pick<Deps, 'calendars'>,
): Promise<YearArrangement> {
  const y = assertCalendarYear(year);
  const [arrangement] = await deps.calendars.arrangements(y, y);
  return arrangement as YearArrangement;
}

/**
 * `PUT /api/calendar/{year}`: an unscoped coordinator sets a year's holidays and make-up days; due
 * dates and reminders of periods not yet due follow at once (submissions already judged late keep
 * their flag: lateness is fixed when the first revision arrives).
 */
export async function putCalendarYear(
  principal: Principal,
  year: string | undefined,
  body: { holidays: string[]; workdays: string[] },
  deps: Pick<Deps, 'calendars' | 'calendarStore' | 'clock'>,
): Promise<{ created: boolean; arrangement: YearArrangement }> {
  if (!isUnscopedCoordinator(principal)) {
    throw forbidden(
      '只有全局协调员可以修改工作日历。',
      'Only an organisation-wide coordinator may change the calendar.',
    );
  }
  const y = assertCalendarYear(year);
  const { holidays, workdays } = normalizeOverride(y, body);
  const { created } = await deps.calendarStore.putOverride({
    year: y,
    holidays,
    workdays,
    updatedBy: principal.sub,
    updatedAt: deps.clock.now().toISOString(),
  });
  deps.calendars.invalidate();
  return { created, arrangement: { year: y, source: 'override', holidays, workdays } };
}

/**
 * Years among the office's current and next one that have neither official data nor an override:
 * their due dates are only a guess (weekends and fixed-date holidays), which health shows.
 */
export async function calendarFallbackYears(deps: Pick<Deps, 'calendars' | 'clock'>): Promise<number[]> {
  const year = Number(periodOf(deps.clock.now()).slice(0, 4));
  const arrangements = await deps.calendars.arrangements(year, year + 1);
  return arrangements.filter((a) => a.source === 'fallback').map((a) => a.year);
}

export function calendarFallbackWarning(year: number, lang: Lang): string {
  return text(
    `${year} 年的法定节假日安排尚无官方数据，截止日期与提醒暂按周末和固定日期节日推算；请协调员在“工作日历”中录入国务院公布的安排（PUT /api/calendar/${year}）。`,
    `No official holiday arrangement is known for ${year}: due dates and reminders assume weekends and fixed-date holidays only. A coordinator should enter the State Council's arrangement (PUT /api/calendar/${year}).`,
  )[lang];
}
