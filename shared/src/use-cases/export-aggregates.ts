import type { Totals } from '../contract/api-types';
import { type Lang, pickLang, text } from '../domain/localized';
import type { Principal } from '../domain/principal';
import { aggregateRange } from './aggregate-range';
import type { Deps } from './deps';
import { column, type ExportCell, type ExportTable } from './export-table';

/**
 * The aggregate of /api/aggregates as a table: one column per metric (named with its unit), then
 * reports expected and received. Without `groupBy` one row for the unit; grouped, one row per
 * department or month and a total row. `asOf` gives the figures as they stood then.
 */
export async function exportAggregates(
  principal: Principal,
  query: {
    from?: string;
    to?: string;
    departmentId?: string;
    groupBy?: string;
    asOf?: string;
    lang?: string;
  },
  deps: Deps,
): Promise<ExportTable> {
  const lang: Lang = pickLang(query.lang);
  const aggregate = await aggregateRange(principal, query, deps);
  const [metrics, departments] = await Promise.all([
    deps.catalog.listMetrics(),
    deps.catalog.listDepartments(),
  ]);
  const names = new Map(departments.map((d) => [d.departmentId, d.name[lang]]));
  const figures = (totals: Totals, c: { expected: number; received: number }): ExportCell[] => [
    ...metrics.map((m) => totals[m.metricId] ?? 0),
    c.expected,
    c.received,
  ];
  const byMonth = query.groupBy === 'month';
  const keyColumns = byMonth
    ? [column(text('月份', 'Period'), lang, 'text', 10)]
    : [column(text('部门编号', 'Department ID'), lang), column(text('部门', 'Department'), lang, 'text', 24)];
  const label = (id: string | null): ExportCell[] =>
    byMonth
      ? [id]
      : [id ?? '', id === null ? (lang === 'zh-CN' ? '全部' : 'Whole organisation') : (names.get(id) ?? id)];
  const totalLabel: ExportCell[] = byMonth
    ? [lang === 'zh-CN' ? '合计' : 'Total']
    : ['', lang === 'zh-CN' ? '合计' : 'Total'];

  const rows: ExportCell[][] = aggregate.groups
    ? [
        ...aggregate.groups.map((g) => [...label(g.key), ...figures(g.totals, g.completeness)]),
        [...totalLabel, ...figures(aggregate.totals, aggregate.completeness)],
      ]
    : [[...label(aggregate.departmentId), ...figures(aggregate.totals, aggregate.completeness)]];
  const range = `${aggregate.from}_${aggregate.to}`;
  return {
    fileName: `aggregates_${range}`,
    localizedFileName: `${lang === 'zh-CN' ? '汇总' : 'aggregates'}_${range}`,
    sheetName: lang === 'zh-CN' ? '汇总' : 'Aggregates',
    columns: [
      ...keyColumns,
      ...metrics.map((m) =>
        column(
          text(`${m.name['zh-CN']}（${m.unit['zh-CN']}）`, `${m.name.en} (${m.unit.en})`),
          lang,
          'integer',
          16,
        ),
      ),
      column(text('应报', 'Expected reports'), lang, 'integer', 10),
      column(text('已报', 'Reports received'), lang, 'integer', 10),
    ],
    rows,
  };
}
