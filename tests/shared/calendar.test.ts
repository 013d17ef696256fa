import { normalizeOverride, packagedArrangement, yearCalendar } from '../../shared/src/domain/calendar';
import { calendarOf } from '../../shared/src/domain/calendar-provider';
import { DEFAULT_DUE_POLICY, dueDateOf } from '../../shared/src/domain/due-date';
import {
  DEFAULT_REMINDER_SCHEDULE,
  parseReminderSchedule,
  reminderStageOn,
  stageName,
} from '../../shared/src/domain/reminder-schedule';

describe('packagedArrangement', () => {
  it('is official for a year chinese-days knows, with its 调休 weekend working days', () => {
    const a = packagedArrangement(2025);
    expect(a.source).toBe('official');
    expect(a.holidays).toEqual(expect.arrayContaining(['2025-10-01', '2025-10-08', '2025-01-28']));
    expect(a.workdays).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
  });

  it('falls back for 2027 to weekends and the fixed-date holidays, so 1 January and 1 October are days off', () => {
    const a = packagedArrangement(2027);
    expect(a).toEqual({
      year: 2027,
      source: 'fallback',
      holidays: ['2027-01-01', '2027-05-01', '2027-05-02', '2027-10-01', '2027-10-02', '2027-10-03'],
      workdays: [],
    });
    const cal = yearCalendar(a);
    expect(cal.isWorkingDay('2027-01-01')).toBe(false); // a Friday that chinese-days calls a working day
    expect(cal.isWorkingDay('2027-10-01')).toBe(false);
    expect(cal.isWorkingDay('2027-01-04')).toBe(true);
    expect(cal.isWorkingDay('2027-01-02')).toBe(false);
  });
});

describe('calendarOf', () => {
  it('makes a weekend make-up day a working day and a listed weekday a day off', () => {
    const cal = calendarOf([
      { year: 2027, source: 'override', holidays: ['2027-10-04'], workdays: ['2027-10-09'] },
    ]);
    expect(cal.isWorkingDay('2027-10-09')).toBe(true);
    expect(cal.isWorkingDay('2027-10-04')).toBe(false);
    expect(() => cal.isWorkingDay('2028-01-03')).toThrow('calendar not loaded');
  });

  it('gives the due date of September 2025 after National Day: the 5th working day, 14 October', () => {
    const cal = calendarOf([packagedArrangement(2025), packagedArrangement(2026)]);
    expect(dueDateOf('2025-09', cal, DEFAULT_DUE_POLICY)).toBe('2025-10-14');
  });
});

describe('normalizeOverride', () => {
  it('sorts and removes repeats', () => {
    expect(
      normalizeOverride(2027, { holidays: ['2027-10-02', '2027-10-01', '2027-10-02'], workdays: [] }),
    ).toEqual({
      holidays: ['2027-10-01', '2027-10-02'],
      workdays: [],
    });
  });

  it.each([
    ['a date of another year', { holidays: ['2026-10-01'], workdays: [] }, 'holidays.0'],
    ['an impossible date', { holidays: ['2027-02-30'], workdays: [] }, 'holidays.0'],
    ['a weekday as make-up day', { holidays: [], workdays: ['2027-10-08'] }, 'workdays.0'],
    ['a day both off and working', { holidays: ['2027-10-09'], workdays: ['2027-10-09'] }, 'workdays'],
  ])('refuses %s', (_name, body, field) => {
    try {
      normalizeOverride(2027, body);
      throw new Error('accepted');
    } catch (err) {
      expect((err as { fieldProblems: { field: string }[] }).fieldProblems[0]?.field).toBe(field);
    }
  });
});

describe('reminderStageOn', () => {
  const cal = calendarOf([packagedArrangement(2025), packagedArrangement(2026)]);
  const stageOf = (date: string, schedule = DEFAULT_REMINDER_SCHEDULE) => {
    const s = reminderStageOn(date, '2025-09', cal, DEFAULT_DUE_POLICY, schedule);
    return s ? stageName(s) : null;
  };

  it('walks October 2025 past the holiday, counting the make-up Saturday', () => {
    const days = [
      '2025-10-08',
      '2025-10-09',
      '2025-10-10',
      '2025-10-11',
      '2025-10-12',
      '2025-10-14',
      '2025-10-21',
      '2025-10-22',
      '2025-10-23',
    ];
    expect(days.map((d) => stageOf(d))).toEqual([
      null,
      'opening',
      null,
      'before-due-2',
      null,
      'due',
      'overdue-5',
      'escalation',
      null,
    ]);
  });

  it('follows a configured schedule', () => {
    const schedule = parseReminderSchedule('before-1,due,overdue-2');
    expect(
      ['2025-10-09', '2025-10-13', '2025-10-14', '2025-10-16', '2025-10-17'].map((d) => stageOf(d, schedule)),
    ).toEqual([null, 'before-due-1', 'due', 'overdue-2', null]);
    expect(() => parseReminderSchedule('first,weekly')).toThrow('weekly');
  });
});
