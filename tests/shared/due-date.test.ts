import { chineseDaysCalendar } from '../../shared/src/domain/chinese-days-calendar';
import { dueDateOf, isAfterDueDate } from '../../shared/src/domain/due-date';

describe('dueDateOf (5th working day of the next month, Chinese official calendar)', () => {
  it.each([
    // plain month: 2021-03 -> April 2021 starts Thu 1st; Qingming 3-5 April off
    ['2021-03', '2021-04-08'],
    // National Day 2020: 1-8 Oct off; Sat 10 Oct is a make-up working day (调休)
    ['2020-09', '2020-10-14'],
    // Spring Festival 2021: 11-17 Feb off; Sun 7 Feb and Sat 20 Feb are make-up days
    ['2021-01', '2021-02-05'],
    // New Year + weekend: 2022-01-01..03 off
    ['2021-12', '2022-01-10'],
    // a month ending in May Day 2021 (1-5 May off, Sun 25 Apr and Sat 8 May make-up days)
    ['2021-04', '2021-05-11'],
  ])('%s is due on %s', (period, due) => {
    expect(dueDateOf(period, chineseDaysCalendar)).toBe(due);
  });

  it('follows a configured working day', () => {
    expect(dueDateOf('2021-03', chineseDaysCalendar, { workingDayOfNextMonth: 1 })).toBe('2021-04-01');
    expect(dueDateOf('2021-03', chineseDaysCalendar, { workingDayOfNextMonth: 10 })).toBe('2021-04-15');
  });

  it('counts a submission as late only after the due day has ended in Shanghai', () => {
    expect(isAfterDueDate(new Date('2021-04-08T23:59:59+08:00'), '2021-04-08')).toBe(false);
    expect(isAfterDueDate(new Date('2021-04-08T16:00:00Z'), '2021-04-08')).toBe(true);
    expect(isAfterDueDate(new Date('2021-04-08T15:59:59Z'), '2021-04-08')).toBe(false);
  });
});
