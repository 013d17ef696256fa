/** The calendar's holidays as people read and type them: runs of days as ranges, and back. */
import { dayRanges, formatDays, parseDays } from '../../addin/src/taskpane/calendar-text';

describe('calendar text', () => {
  it('shows consecutive days as one range, across month ends', () => {
    const days = ['2027-10-01', '2027-10-02', '2027-10-03', '2027-01-01', '2027-01-31', '2027-02-01'];
    expect(dayRanges(days)).toEqual([
      ['2027-01-01', '2027-01-01'],
      ['2027-01-31', '2027-02-01'],
      ['2027-10-01', '2027-10-03'],
    ]);
    expect(formatDays(days)).toBe('2027-01-01\n2027-01-31 ~ 2027-02-01\n2027-10-01 ~ 2027-10-03');
  });

  it('reads ranges, single dates, commas and Chinese separators; formatting round-trips', () => {
    const r = parseDays('2027-10-01 ~ 2027-10-03\n2027-01-01，2027-02-06 至 2027-02-07\n\n');
    expect(r).toEqual({
      days: ['2027-01-01', '2027-02-06', '2027-02-07', '2027-10-01', '2027-10-02', '2027-10-03'],
      bad: [],
    });
    expect(parseDays(formatDays(r.days)).days).toEqual(r.days);
  });

  it('returns what it cannot read instead of guessing', () => {
    expect(parseDays('2027-02-30\n10月1日\n2027-10-07 ~ 2027-10-01\n2027-05-01').bad).toEqual([
      '2027-02-30',
      '10月1日',
      '2027-10-07 ~ 2027-10-01',
    ]);
  });
});
