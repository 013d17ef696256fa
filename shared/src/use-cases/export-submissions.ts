import type { StoredDepartment } from '../domain/catalog';
import { type Lang, pickLang, text } from '../domain/localized';
import { assertRange } from '../domain/period';
import type { Principal } from '../domain/principal';
import type { Revision, Submission } from '../domain/submission';
import type { Deps } from './deps';
import { column, type ExportCell, type ExportTable } from './export-table';
import { resolveScope } from './load-department';
import { mapLimit } from './map-limit';

/** Reads in flight while collecting revisions. */
const READ_CONCURRENCY = 8;

/**
 * Every revision of every department-month in range and in the caller's scope, one row per
 * (revision, metric): department, period, metric, value, version, note, who and when. Oldest
 * revision first within a department-month, so corrections read top to bottom.
 */
export async function exportSubmissions(
  principal: Principal,
  query: { from?: string; to?: string; departmentId?: string; lang?: string },
  deps: Deps,
): Promise<ExportTable> {
  const lang: Lang = pickLang(query.lang);
  const { from, to } = assertRange(query.from, query.to);
  const unit = await resolveScope(principal, query.departmentId, deps);
  const [all, metrics] = await Promise.all([deps.catalog.listDepartments(), deps.catalog.listMetrics()]);
  const departments = scopeOf(all, unit).sort((a, b) => a.departmentId.localeCompare(b.departmentId));
  const currents = (
    await mapLimit(departments, READ_CONCURRENCY, (d) => deps.submissions.listForDepartment(d.departmentId))
  )
    .flat()
    .filter((s) => s.period >= from && s.period <= to)
    .sort((a, b) => a.departmentId.localeCompare(b.departmentId) || a.period.localeCompare(b.period));
  // A first revision is the current one: the history is read only for months that were corrected.
  const histories = await mapLimit(
    currents,
    READ_CONCURRENCY,
    async (s): Promise<[Submission, Revision[]]> => [
      s,
      s.version === 1 ? [s] : await deps.submissions.listRevisions(s.departmentId, s.period),
    ],
  );

  const deptName = new Map(departments.map((d) => [d.departmentId, d.name[lang]]));
  const metricOrder = new Map(metrics.map((m, i) => [m.metricId, i]));
  const metricById = new Map(metrics.map((m) => [m.metricId, m]));
  const yes = lang === 'zh-CN' ? '是' : 'yes';
  const no = lang === 'zh-CN' ? '否' : 'no';
  const rows: ExportCell[][] = [];
  for (const [current, revisions] of histories) {
    for (const r of [...revisions].sort((a, b) => a.version - b.version)) {
      const metricIds = Object.keys(r.values).sort(
        (a, b) =>
          (metricOrder.get(a) ?? Number.MAX_SAFE_INTEGER) - (metricOrder.get(b) ?? Number.MAX_SAFE_INTEGER) ||
          a.localeCompare(b),
      );
      for (const metricId of metricIds) {
        const metric = metricById.get(metricId);
        rows.push([
          current.departmentId,
          deptName.get(current.departmentId) ?? current.departmentId,
          current.period,
          metricId,
          metric?.name[lang] ?? metricId,
          metric?.unit[lang] ?? '',
          r.values[metricId] ?? 0,
          r.version,
          r.version === current.version ? yes : no,
          r.note ?? '',
          r.submittedBy,
          r.submittedByName ?? '',
          r.submittedAt,
        ]);
      }
    }
  }
  const range = `${from}_${to}`;
  return {
    fileName: `submissions_${range}`,
    localizedFileName: `${lang === 'zh-CN' ? '填报记录' : 'submissions'}_${range}`,
    sheetName: lang === 'zh-CN' ? '填报记录' : 'Submissions',
    columns: [
      column(text('部门编号', 'Department ID'), lang),
      column(text('部门', 'Department'), lang, 'text', 24),
      column(text('月份', 'Period'), lang, 'text', 10),
      column(text('指标编号', 'Metric ID'), lang, 'text', 20),
      column(text('指标', 'Metric'), lang, 'text', 24),
      column(text('单位', 'Unit'), lang, 'text', 8),
      column(text('数值', 'Value'), lang, 'integer', 10),
      column(text('版本', 'Version'), lang, 'integer', 8),
      column(text('现行版本', 'Current'), lang, 'text', 10),
      column(text('备注', 'Note'), lang, 'text', 30),
      column(text('提交人账号', 'Submitted by'), lang),
      column(text('提交人', 'Submitter'), lang, 'text', 12),
      column(text('提交时间', 'Submitted at'), lang, 'text', 26),
    ],
    rows,
  };
}

/** The unit's subtree (itself included), or every department when the scope is the organisation. */
export function scopeOf(all: readonly StoredDepartment[], unit: StoredDepartment | null): StoredDepartment[] {
  if (!unit) return [...all];
  return all.filter((d) => d.departmentId === unit.departmentId || d.ancestors.includes(unit.departmentId));
}
