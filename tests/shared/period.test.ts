import {
  assertPeriod,
  assertRange,
  countPeriods,
  isFuturePeriod,
  listPeriods,
  periodOf,
  previousPeriod,
  shiftPeriod,
} from '../../shared/src/domain/period';

describe('periods (YYYY-MM, Asia/Shanghai)', () => {
  it('takes the month from Shanghai time, not UTC', () => {
    // 31 Dec 2020 17:00 UTC is already 1 Jan 2021 in Shanghai
    expect(periodOf(new Date('2020-12-31T17:00:00Z'))).toBe('2021-01');
    expect(periodOf(new Date('2020-12-31T15:59:59Z'))).toBe('2020-12');
    expect(previousPeriod(new Date('2021-01-01T00:30:00+08:00'))).toBe('2020-12');
  });

  it('allows the current month from its first Shanghai minute and refuses later ones', () => {
    const now = new Date('2021-03-01T00:00:00+08:00');
    expect(isFuturePeriod('2021-03', now)).toBe(false);
    expect(isFuturePeriod('2021-04', now)).toBe(true);
    expect(isFuturePeriod('2021-03', new Date('2021-02-28T23:59:59+08:00'))).toBe(true);
  });

  it('walks months across years', () => {
    expect(shiftPeriod('2019-11', 3)).toBe('2020-02');
    expect(shiftPeriod('2020-01', -1)).toBe('2019-12');
    expect(countPeriods('2019-07', '2020-12')).toBe(18);
    expect(listPeriods('2019-11', '2020-02')).toEqual(['2019-11', '2019-12', '2020-01', '2020-02']);
  });

  it.each([
    '2020-13',
    '2020-00',
    '20-01',
    '2020-1',
    '2020-01-01',
    '',
    'abcd-ef',
    '0999-01',
    '9999-01',
    '9999-11',
  ])('refuses "%s"', (bad) => {
    expect(() => assertPeriod('period', bad)).toThrow(/YYYY-MM|缺少月份|Missing/);
  });

  it('refuses ranges that are reversed or longer than ten years', () => {
    expect(() => assertRange('2020-02', '2020-01')).toThrow();
    expect(() => assertRange('2010-01', '2020-01')).toThrow();
    expect(assertRange('2010-02', '2020-01')).toEqual({ from: '2010-02', to: '2020-01' });
  });
});
