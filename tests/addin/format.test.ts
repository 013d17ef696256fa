import { STRINGS } from '../../addin/src/i18n/strings';
import { buildCatalogue } from '../../addin/src/taskpane/app-context';
import {
  currentPeriod,
  formatDateTime,
  listPeriods,
  metricLabel,
  previousPeriod,
  shiftPeriod,
  todayInOffice,
} from '../../addin/src/taskpane/format';
import { checkValue } from '../../addin/src/taskpane/views/clerk-view';

describe('the month a clerk reports by default', () => {
  it('is the month just ended in Shanghai, even when UTC is still in the old month', () => {
    // 2021-01-01 00:30 in Shanghai is 2020-12-31 16:30 UTC.
    const newYear = new Date('2020-12-31T16:30:00Z');
    expect(currentPeriod(newYear)).toBe('2021-01');
    expect(previousPeriod(newYear)).toBe('2020-12');
    expect(todayInOffice(newYear)).toBe('2021-01-01');
  });

  it('steps across years both ways', () => {
    expect(shiftPeriod('2020-01', -1)).toBe('2019-12');
    expect(shiftPeriod('2019-12', 13)).toBe('2021-01');
    expect(listPeriods('2019-11', '2020-02')).toEqual(['2019-11', '2019-12', '2020-01', '2020-02']);
    expect(listPeriods('2020-02', '2020-01')).toEqual([]);
  });

  it('shows times in the office’s zone', () => {
    expect(formatDateTime('2020-08-03T02:00:00Z', 'zh-CN')).toBe('2020/08/03 10:00');
  });
});

describe('inline value check', () => {
  const s = STRINGS['zh-CN'];
  it.each([
    ['', s.required],
    ['  ', s.required],
    ['-1', s.wholeNumber],
    ['1.5', s.wholeNumber],
    ['1e3', s.wholeNumber],
    ['10000001', s.wholeNumber],
    ['０', s.wholeNumber],
  ])('refuses %j', (raw, message) => {
    expect(checkValue(raw, s)).toBe(message);
  });
  it.each(['0', '42', ' 7 ', '10000000'])('accepts %j', (raw) => {
    expect(checkValue(raw, s)).toBeUndefined();
  });
});

describe('catalogue for the pane', () => {
  it('orders departments as a tree, parents first, with depth for indentation', () => {
    const dept = (departmentId: string, parentId: string | null) => ({
      departmentId,
      parentId,
      name: { 'zh-CN': departmentId, en: departmentId },
      metrics: [],
      contacts: [],
      ancestors: [],
    });
    const c = buildCatalogue(
      [],
      [
        dept('res-1', 'residential'),
        dept('judicial', 'root'),
        dept('root', null),
        dept('residential', 'root'),
      ],
    );
    expect(c.departments.map((d) => [d.departmentId, d.depth])).toEqual([
      ['root', 0],
      ['judicial', 1],
      ['residential', 1],
      ['res-1', 2],
    ]);
  });

  it('labels metrics with their unit in each language', () => {
    const m = {
      name: { 'zh-CN': '法治讲座', en: 'Rule-of-law lectures' },
      unit: { 'zh-CN': '场', en: 'lectures' },
    };
    expect(metricLabel(m, 'zh-CN')).toBe('法治讲座（场）');
    expect(metricLabel(m, 'en')).toBe('Rule-of-law lectures (lectures)');
  });
});
