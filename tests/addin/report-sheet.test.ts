import {
  buildReportSheet,
  type CellValue,
  columnLetter,
  parseReportSheet,
  reportSheetName,
  uniqueSheetName,
} from '../../addin/src/workbook/report-sheet';
import type { Metric } from '../../shared/src/contract/api-types';

const METRICS: Metric[] = [
  {
    metricId: 'consultations',
    name: { 'zh-CN': '接待法律咨询', en: 'Legal consultations' },
    unit: { 'zh-CN': '件', en: 'cases' },
  },
  {
    metricId: 'materials',
    name: { 'zh-CN': '发放宣传资料', en: 'Materials handed out' },
    unit: { 'zh-CN': '份', en: 'copies' },
  },
];

function sheet(values?: Record<string, Record<string, number>>) {
  return buildReportSheet({
    departmentId: 'legal-service-station',
    departmentName: '公共法律服务站',
    periods: ['2020-01', '2020-02', '2020-03'],
    metrics: METRICS,
    lang: 'zh-CN',
    values,
  });
}

function edit(values: CellValue[][], address: string, value: CellValue): CellValue[][] {
  const col = address.charCodeAt(0) - 65;
  const row = Number(address.slice(1)) - 1;
  const copy = values.map((r) => [...r]);
  (copy[row] as CellValue[])[col] = value;
  return copy;
}

describe('report sheet layout', () => {
  it('names columns like Excel does', () => {
    expect([0, 3, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'D', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });

  it('puts metrics in rows with names and units in the chosen language, months as columns', () => {
    const s = sheet();
    expect(s.name).toBe('月报 2020-01~2020-03');
    expect(s.values[1]).toEqual(['#metric', '指标', '单位', '2020-01', '2020-02', '2020-03']);
    expect(s.values[2]?.slice(0, 3)).toEqual(['consultations', '接待法律咨询', '件']);
    expect(s.inputAddress).toBe('D3:F4');
    const en = buildReportSheet({
      departmentId: 'x',
      departmentName: 'X',
      periods: ['2020-01'],
      metrics: METRICS,
      lang: 'en',
    });
    expect(en.name).toBe('Report 2020-01');
    expect(en.values[2]?.slice(1, 3)).toEqual(['Legal consultations', 'cases']);
  });

  it('pre-fills months already submitted and reads them back unchanged', () => {
    const s = sheet({ '2020-02': { consultations: 12, materials: 300 } });
    const parsed = parseReportSheet(s.values);
    expect(parsed?.departmentId).toBe('legal-service-station');
    expect(parsed?.complete).toEqual({ '2020-02': { consultations: 12, materials: 300 } });
    expect(parsed?.problems).toEqual([]);
  });

  it('skips months left blank and accepts whole numbers typed as text', () => {
    let v = sheet().values;
    v = edit(v, 'D3', '7');
    v = edit(v, 'D4', 0);
    expect(parseReportSheet(v)?.complete).toEqual({ '2020-01': { consultations: 7, materials: 0 } });
  });

  it('reports every bad cell with its address, metric and month', () => {
    let v = sheet().values;
    v = edit(v, 'D3', 3.5);
    v = edit(v, 'D4', 1);
    v = edit(v, 'E3', -2);
    v = edit(v, 'F4', '十二');
    const parsed = parseReportSheet(v);
    expect(parsed?.complete).toEqual({});
    expect(parsed?.problems.map((p) => [p.address, p.metricId, p.period])).toEqual([
      ['D3', 'consultations', '2020-01'],
      ['E3', 'consultations', '2020-02'],
      ['E4', 'materials', '2020-02'],
      ['F3', 'consultations', '2020-03'],
      ['F4', 'materials', '2020-03'],
    ]);
    expect(parsed?.problems[0]?.message['zh-CN']).toContain(
      'D3（接待法律咨询，2020-01）应为 0 到 10000000 之间的整数',
    );
    expect(parsed?.problems[2]?.message['zh-CN']).toBe('E4（发放宣传资料，2020-02）未填写。');
  });

  it('takes the correction note of a month from the note row', () => {
    let v = sheet({ '2020-01': { consultations: 1, materials: 2 } }).values;
    v = edit(v, 'D5', '  按台账更正 ');
    expect(parseReportSheet(v)?.notes).toEqual({ '2020-01': '按台账更正' });
  });

  it('refuses a sheet that is not a report sheet', () => {
    expect(parseReportSheet([['名单', '张三']])).toBeNull();
    expect(parseReportSheet([])).toBeNull();
  });

  it('finds a free sheet name the way Excel compares names', () => {
    expect(uniqueSheetName('汇总', ['Sheet1'])).toBe('汇总');
    expect(uniqueSheetName('Totals', ['totals', 'Totals (2)'])).toBe('Totals (3)');
    expect(uniqueSheetName('a/b:c', [])).toBe('a-b-c');
    expect(uniqueSheetName('x'.repeat(40), ['x'.repeat(31)])).toHaveLength(31);
    expect(reportSheetName('2019-07', '2021-06', 'zh-CN').length).toBeLessThanOrEqual(31);
  });
});
