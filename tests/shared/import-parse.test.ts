import type { StoredDepartment } from '../../shared/src/domain/catalog';
import {
  columnLetter,
  parseCountCell,
  parseImportGrid,
  parsePeriodCell,
} from '../../shared/src/domain/import';

const dept = (departmentId: string, zh: string, en: string, metrics: string[]): StoredDepartment => ({
  departmentId,
  name: { 'zh-CN': zh, en },
  parentId: null,
  metrics,
  contacts: [],
  ancestors: [],
  version: 1,
  reportingCount: 1,
});
const catalog = {
  departments: [
    dept('judicial', '司法所', 'Judicial Office', ['lectures']),
    dept('station', '公共法律服务站', 'Legal Station', ['consultations', 'lectures']),
  ],
  metrics: [
    {
      metricId: 'lectures',
      name: { 'zh-CN': '法治讲座', en: 'Lectures' },
      unit: { 'zh-CN': '场', en: 'lectures' },
    },
    {
      metricId: 'consultations',
      name: { 'zh-CN': '接待法律咨询', en: 'Consultations' },
      unit: { 'zh-CN': '件', en: 'cases' },
    },
  ],
  rules: [],
};
const coordinator = { sub: 'c', name: 'C', role: 'coordinator' as const, departmentId: null };
const now = new Date('2021-03-01T00:00:00Z');

describe('parseImportGrid', () => {
  it('finds the header below title rows and reads metrics by name, English name, id or name with unit', () => {
    const parsed = parseImportGrid(
      [
        ['2020年法治建设情况统计'],
        [],
        ['部门', '月份', '法治讲座（场）', 'Consultations', '备注'],
        ['司法所', '2020-07', 3, null, '首报'],
        ['Legal Station', '2020/8', '2', '1,234', null],
        ['station', '2020年9月', 0, 5, null],
      ],
      catalog,
      coordinator,
      now,
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.headerRow).toBe(3);
    expect(parsed.rows.map((r) => [r.row, r.departmentId, r.period, r.values, r.note])).toEqual([
      [4, 'judicial', '2020-07', { lectures: 3 }, '首报'],
      [5, 'station', '2020-08', { lectures: 2, consultations: 1234 }, null],
      [6, 'station', '2020-09', { lectures: 0, consultations: 5 }, null],
    ]);
  });

  it('reports unknown and repeated metric columns at the header, and values under them', () => {
    const parsed = parseImportGrid(
      [
        ['department', 'period', 'lectures', '调解', '法治讲座'],
        ['司法所', '2020-07', 3, 1, null],
      ],
      catalog,
      coordinator,
      now,
    );
    expect(parsed.problems.map((p) => [p.row, p.column, p.header])).toEqual([
      [1, 'D', '调解'],
      [1, 'E', '法治讲座'],
      [2, 'D', '调解'],
    ]);
    expect(parsed.rows[0]?.valid).toBe(false);
  });

  it('reports a department that must report a metric the file has no column for', () => {
    const parsed = parseImportGrid(
      [
        ['部门', '月份', '法治讲座'],
        ['公共法律服务站', '2020-07', 1],
      ],
      catalog,
      coordinator,
      now,
    );
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatchObject({ row: 2, column: null });
    expect(parsed.problems[0]?.message['zh-CN']).toContain('接待法律咨询');
  });

  it('refuses a clerk’s rows for another department', () => {
    const clerk = { sub: 'k', name: 'K', role: 'clerk' as const, departmentId: 'judicial' };
    const parsed = parseImportGrid(
      [
        ['部门', '月份', '法治讲座', '接待法律咨询'],
        ['司法所', '2020-07', 1, null],
        ['公共法律服务站', '2020-07', 1, 1],
      ],
      catalog,
      clerk,
      now,
    );
    expect(parsed.rows.map((r) => r.valid)).toEqual([true, false]);
    expect(parsed.problems[0]?.message.en).toBe('You may act only for your own department.');
  });
});

describe('cell parsing', () => {
  it.each([
    ['2020-07', '2020-07'],
    ['2020-7', '2020-07'],
    ['2020/07', '2020-07'],
    ['2020.7', '2020-07'],
    ['2020年7月', '2020-07'],
    ['2020-07-01', '2020-07'],
    ['2020-13', null],
    ['July 2020', null],
    [null, null],
  ])('reads the month %p as %p', (cell, period) => {
    expect(parsePeriodCell(cell)).toBe(period);
  });

  it.each([
    [12, 12],
    ['12', 12],
    ['1,234', 1234],
    ['12.0', 12],
    [12.5, null],
    ['12.5', null],
    ['abc', null],
    ['-3', -3],
  ])('reads the count %p as %p', (cell, n) => {
    expect(parseCountCell(cell)).toBe(n);
  });

  it('names columns as Excel does', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});
