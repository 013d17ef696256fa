import {
  DEMO_METRICS,
  demoMonthlyValues,
  REFERENCE_TOTALS,
  splitExactly,
} from '../../lambda/src/local/demo-data';
import type { Metric } from '../../shared/src/domain/catalog';
import { describeRange, formatPercent, writeParagraph } from '../../shared/src/domain/year-end-report';

describe('year-end paragraph', () => {
  it('says 至今 when the range reaches the current month', () => {
    expect(describeRange('2019-07', '2020-12', '2020-12', 'zh-CN')).toBe('2019年7月至今');
    expect(describeRange('2019-07', '2020-11', '2020-12', 'zh-CN')).toBe('2019年7月至2020年11月');
    expect(describeRange('2019-07', '2020-11', '2020-12', 'en')).toBe('From July 2019 to November 2020');
  });

  it('formats rates to one decimal only when needed', () => {
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(2 / 3)).toBe('66.7%');
  });

  it('leaves out the rate when nothing was requested instead of dividing by zero', () => {
    const totals = {
      ...REFERENCE_TOTALS,
      'disclosure-requests': 0,
      'disclosure-answered': 0,
      'disclosure-approved': 0,
    };
    const text = writeParagraph(
      DEMO_METRICS,
      totals,
      { from: '2021-01', to: '2021-12', current: '2026-11' },
      'zh-CN',
    );
    expect(text).toContain('受理政府信息公开申请0件');
    expect(text).not.toContain('同意公开率');
  });

  it('lists metrics no clause knows, so another catalogue still gets a full paragraph', () => {
    const extra: Metric = {
      metricId: 'hotline-calls',
      name: { 'zh-CN': '热线来电', en: 'Hotline calls' },
      unit: { 'zh-CN': '通', en: 'calls' },
    };
    const text = writeParagraph(
      [extra],
      { 'hotline-calls': 12 },
      { from: '2021-01', to: '2021-12', current: '2026-11' },
      'zh-CN',
    );
    expect(text).toBe('2021年1月至2021年12月，另有热线来电12通。');
  });
});

describe('demo data', () => {
  it('splits totals exactly', () => {
    expect(splitExactly(5, [1, 1, 1]).reduce((a, b) => a + b, 0)).toBe(5);
    expect(splitExactly(2459, [0.46, 0.2, 0.18, 0.16]).reduce((a, b) => a + b, 0)).toBe(2459);
  });

  it('adds up to the reference report over 2019-07..2020-12', () => {
    const sums: Record<string, number> = {};
    for (const byPeriod of demoMonthlyValues().values()) {
      expect(byPeriod.size).toBe(18);
      for (const values of byPeriod.values()) {
        for (const [m, v] of Object.entries(values)) sums[m] = (sums[m] ?? 0) + v;
      }
    }
    expect(sums).toEqual(REFERENCE_TOTALS);
  });
});
