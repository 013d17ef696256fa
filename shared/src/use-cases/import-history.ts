import { DomainError } from '../domain/errors';
import { type Grid, type ImportProblem, type ImportRow, parseImportGrid } from '../domain/import';
import { text } from '../domain/localized';
import type { Principal } from '../domain/principal';
import { type Submission, sameValues } from '../domain/submission';
import type { CatalogStore } from '../ports/catalog-store';
import { type LockInfo, ORG_UNIT, type SubmissionStore } from '../ports/submission-store';
import type { Deps } from './deps';
import { mapLimit } from './map-limit';
import { submitMonthlyCounts } from './submit-monthly-counts';

export type ImportStatus = 'new' | 'changed' | 'unchanged' | 'invalid';

export interface ImportItem extends ImportRow {
  status: ImportStatus;
}

/** What an import would do, before anything is written. */
export interface ImportPreview {
  headerRow: number | null;
  items: ImportItem[];
  problems: ImportProblem[];
  summary: Record<ImportStatus, number> & { rows: number };
}

export interface ImportReport {
  created: number;
  revised: number;
  unchanged: number;
  /** Department-months not imported: invalid in the preview, or refused when written (locked month…). */
  failed: number;
  problems: ImportProblem[];
}

export interface ImportOptions {
  /** Department-months written at once. Each is its own transaction; see runImport on ordering. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  /** The note of a correction when the file gives none (a correction after the due date needs one). */
  correctionNote?: string;
}

/**
 * Reads a grid (CSV or sheet cells) and says, per department-month, whether it is new, changed,
 * unchanged or invalid, with every problem by row and column. Nothing is written. A locked month is
 * reported here too; the write re-checks everything anyway.
 */
export async function previewImport(principal: Principal, grid: Grid, deps: Deps): Promise<ImportPreview> {
  const [departments, metrics, rules] = await Promise.all([
    deps.catalog.listDepartments(),
    deps.catalog.listMetrics(),
    deps.catalog.listRules(),
  ]);
  const parsed = parseImportGrid(grid, { departments, metrics, rules }, principal, deps.clock.now());
  const problems = [...parsed.problems];
  const byId = new Map(departments.map((d) => [d.departmentId, d]));

  const candidates = parsed.rows.filter((r) => r.valid);
  const deptIds = [...new Set(candidates.map((r) => r.departmentId))];
  const periods = [...new Set(candidates.map((r) => r.period))];
  const [currentLists, lockLists] = await Promise.all([
    mapLimit(deptIds, 8, (id) => deps.submissions.listForDepartment(id)),
    mapLimit(periods, 8, (p) => deps.submissions.getLocks(p)),
  ]);
  const current = new Map<string, Submission>();
  for (const s of currentLists.flat()) current.set(`${s.departmentId}|${s.period}`, s);
  const locks = new Map(periods.map((p, i) => [p, lockLists[i] ?? []]));

  const items: ImportItem[] = parsed.rows.map((row) => {
    if (!row.valid) return { ...row, status: 'invalid' };
    const dept = byId.get(row.departmentId);
    const lockUnits = new Set([ORG_UNIT, ...(dept?.ancestors ?? []), row.departmentId]);
    const lock = (locks.get(row.period) ?? []).find((l) => lockUnits.has(l.unitId));
    const existing = current.get(`${row.departmentId}|${row.period}`);
    if (existing && isUnchanged(existing, row)) return { ...row, status: 'unchanged' };
    if (lock) {
      problems.push({
        row: row.row,
        column: 'B',
        message: text(
          `${row.period} 已锁定，不能导入或修改。`,
          `${row.period} is locked; it cannot be imported or changed.`,
        ),
      });
      return { ...row, valid: false, status: 'invalid' };
    }
    return { ...row, status: existing ? 'changed' : 'new' };
  });
  problems.sort((a, b) => a.row - b.row);
  const summary = { rows: items.length, new: 0, changed: 0, unchanged: 0, invalid: 0 };
  for (const item of items) summary[item.status]++;
  return { headerRow: parsed.headerRow, items, problems, summary };
}

/**
 * An identical month changes nothing: same values, and either the file gives no note or the same
 * one. This is what makes importing the same file twice a no-op (API.md: an identical
 * re-submission keeps the version).
 */
function isUnchanged(existing: Submission, row: ImportRow): boolean {
  return sameValues(existing.values, row.values) && (row.note === null || row.note === existing.note);
}

/**
 * Writes the new and changed department-months of a preview, each through the normal submit
 * use-case (validation, rules, locks, counters of every enclosing unit in one transaction), so each
 * department-month is all or nothing and the counters stay exact. See `interleave` for the order.
 */
export async function runImport(
  principal: Principal,
  preview: ImportPreview,
  deps: Deps,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const work = interleave(preview.items.filter((i) => i.status === 'new' || i.status === 'changed'));
  const deptIds = [...new Set(work.map((i) => i.departmentId))];
  const periods = [...new Set(work.map((i) => i.period))];
  const [metrics, rules, currentLists, lockLists] = await Promise.all([
    deps.catalog.listMetrics(),
    deps.catalog.listRules(),
    mapLimit(deptIds, 8, (id) => deps.submissions.listForDepartment(id)),
    mapLimit(periods, 8, (p) => deps.submissions.getLocks(p)),
  ]);
  const currents = new Map<string, Submission | null>(
    work.map((i) => [`${i.departmentId}|${i.period}`, null]),
  );
  for (const s of currentLists.flat()) {
    if (currents.has(`${s.departmentId}|${s.period}`)) currents.set(`${s.departmentId}|${s.period}`, s);
  }
  const locks = new Map(periods.map((p, i) => [p, lockLists[i] ?? []]));
  // Reads done in bulk above instead of three per department-month (see withImportSnapshot).
  const snapshot: Deps = {
    ...deps,
    catalog: withCatalogSnapshot(deps.catalog, metrics, rules),
    submissions: withImportSnapshot(deps.submissions, currents, locks),
  };
  const report: ImportReport = {
    created: 0,
    revised: 0,
    unchanged: preview.summary.unchanged,
    failed: preview.summary.invalid,
    problems: [...preview.problems],
  };
  let done = 0;
  options.onProgress?.(0, work.length);
  await mapLimit(work, options.concurrency ?? 8, async (item) => {
    try {
      const result = await submitMonthlyCounts(
        {
          principal,
          departmentId: item.departmentId,
          period: item.period,
          values: item.values,
          note: item.status === 'changed' ? (item.note ?? options.correctionNote ?? null) : item.note,
        },
        snapshot,
      );
      if (result.unchanged) report.unchanged++;
      else if (result.created) report.created++;
      else report.revised++;
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      report.failed++;
      const details =
        err.fieldProblems.length > 0 ? err.fieldProblems.map((p) => p.message) : [err.detailText];
      for (const message of details) report.problems.push({ row: item.row, column: null, message });
    } finally {
      options.onProgress?.(++done, work.length);
    }
  });
  report.problems.sort((a, b) => a.row - b.row);
  return report;
}

/**
 * Orders the work so that writes in flight together share neither a department (every transaction
 * checks the department's item) nor a month (the enclosing units' counters are one item per unit and
 * month): DynamoDB cancels transactions that touch an item another one is using. Sorting by the
 * "diagonal" (month index minus department index, modulo the months) puts neighbours on different
 * departments and different months.
 */
export function interleave<T extends { departmentId: string; period: string }>(items: readonly T[]): T[] {
  const depts = [...new Set(items.map((i) => i.departmentId))].sort();
  const periods = [...new Set(items.map((i) => i.period))].sort();
  const d = new Map(depts.map((id, i) => [id, i]));
  const p = new Map(periods.map((id, i) => [id, i]));
  const n = Math.max(1, periods.length);
  const diagonal = (i: T) => ((((p.get(i.period) ?? 0) - (d.get(i.departmentId) ?? 0)) % n) + n) % n;
  return [...items].sort(
    (a, b) => diagonal(a) - diagonal(b) || (d.get(a.departmentId) ?? 0) - (d.get(b.departmentId) ?? 0),
  );
}

/**
 * The submission store with reads taken in bulk before the import. Safe because every write is
 * conditioned in its transaction: a stale current revision fails on its version and a lock taken
 * meanwhile fails the lock check. A snapshot revision is served once; the submit use-case's retry
 * after a conflict reads the table itself.
 */
function withImportSnapshot(
  base: SubmissionStore,
  currents: Map<string, Submission | null>,
  locks: ReadonlyMap<string, LockInfo[]>,
): SubmissionStore {
  return {
    getCurrent: async (departmentId, period) => {
      const key = `${departmentId}|${period}`;
      if (!currents.has(key)) return base.getCurrent(departmentId, period);
      const found = currents.get(key) ?? null;
      currents.delete(key);
      return found;
    },
    getLocks: async (period) => locks.get(period) ?? base.getLocks(period),
    listRevisions: (d, p) => base.listRevisions(d, p),
    listByPeriod: (p) => base.listByPeriod(p),
    listForDepartment: (d) => base.listForDepartment(d),
    commit: (write) => base.commit(write),
    readCounters: (u, f, t) => base.readCounters(u, f, t),
    listCounterUnits: () => base.listCounterUnits(),
    adjustCounter: (u, p, diff, rd, ew) => base.adjustCounter(u, p, diff, rd, ew),
    lock: (info) => base.lock(info),
    unlock: (p, u) => base.unlock(p, u),
  };
}

function withCatalogSnapshot(
  base: CatalogStore,
  metrics: Awaited<ReturnType<CatalogStore['listMetrics']>>,
  rules: Awaited<ReturnType<CatalogStore['listRules']>>,
): CatalogStore {
  return {
    listMetrics: async () => metrics,
    listRules: async () => rules,
    putMetric: (m) => base.putMetric(m),
    putRule: (r) => base.putRule(r),
    // Departments are read fresh: the write is conditioned on the department's version.
    getDepartment: (id) => base.getDepartment(id),
    listDepartments: () => base.listDepartments(),
    listChildren: (id) => base.listChildren(id),
    saveDepartments: (changes) => base.saveDepartments(changes),
  };
}
