/**
 * Bulk import of history: the file layout and its validation, pure (no I/O) so that the command line
 * and, later, the add-in check a sheet the same way before anything is written.
 *
 * Layout (a sheet laid out like the report template; CSV or the first sheet of an .xlsx):
 * - Any title rows, then ONE header row: column A `部门` (or 部门编号 / 单位 / department /
 *   departmentId), column B `月份` (or 期间 / period / month), then one column per metric, headed by
 *   its id, its Chinese or English name, optionally followed by the unit in brackets
 *   (`法治讲座（场）`, `Lectures (lectures)`), and optionally a `备注` / `note` column.
 * - Then one row per department-month: the department's id or name, the month (`2020-07`, `2020/7`,
 *   `2020年7月`, or a date in that month), a whole number 0..10,000,000 in every metric the department
 *   reports, the other metric cells empty, and an optional note.
 * - Empty rows, and rows whose department cell is 合计 / 总计 / Total, are skipped.
 * A row is a department-month and is all or nothing: any problem in it and none of it is imported.
 */
import type { Metric, Rule, StoredDepartment } from './catalog';
import { DomainError } from './errors';
import { type LocalizedText, text } from './localized';
import { isFuturePeriod, isPeriod, type Period } from './period';
import { assertMayAct, type Principal } from './principal';
import { evaluateRules } from './rules';
import { MAX_VALUE, validateValues } from './submission';

export type GridCell = string | number | null;
/** A sheet's cells by row then column, 0-based (row 0 is spreadsheet row 1, column 0 is column A). */
export type Grid = GridCell[][];

/** One problem of the file, where a person looking at it in Excel will find it. */
export interface ImportProblem {
  /** Spreadsheet row number (1-based). */
  row: number;
  /** Column letter (A, B, …, AA), or null when the problem is the whole row's. */
  column: string | null;
  /** The column's header as written in the file, when there is one. */
  header?: string;
  message: LocalizedText;
}

/** One department-month read from the file. */
export interface ImportRow {
  row: number;
  departmentId: string;
  period: Period;
  values: Record<string, number>;
  note: string | null;
  /** False when the row has any problem: nothing of it is imported. */
  valid: boolean;
}

export interface ImportCatalog {
  departments: readonly StoredDepartment[];
  metrics: readonly Metric[];
  rules: readonly Rule[];
}

export interface ParsedImport {
  /** Spreadsheet row number of the header row, or null when none was found. */
  headerRow: number | null;
  rows: ImportRow[];
  problems: ImportProblem[];
}

const DEPARTMENT_HEADERS = [
  '部门',
  '部门编号',
  '部门名称',
  '单位',
  'department',
  'departmentid',
  'department id',
];
const PERIOD_HEADERS = ['月份', '期间', '年月', 'period', 'month'];
const NOTE_HEADERS = ['备注', '说明', 'note', 'notes'];
const TOTAL_LABELS = ['合计', '总计', 'total'];

/** Column letter of a 0-based index: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

const cellText = (cell: GridCell | undefined): string =>
  cell === null || cell === undefined ? '' : String(cell).trim();
const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
/** "法治讲座（场）" / "Lectures (lectures)" -> the name without the unit in brackets. */
const withoutUnit = (s: string) => s.replace(/\s*[（(][^（()）]*[)）]\s*$/, '');

/** A month as people type it: 2020-07, 2020-7, 2020/07, 2020.7, 2020年7月, or a date in that month. */
export function parsePeriodCell(cell: GridCell | undefined): Period | null {
  const s = cellText(cell);
  const m = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:月)?(?:\s*(?:[-/.])\s*\d{1,2}\s*日?)?(?:[T ].*)?$/.exec(
    s,
  );
  if (!m) return null;
  const period = `${m[1]}-${String(Number(m[2])).padStart(2, '0')}`;
  return isPeriod(period) ? period : null;
}

/** A count as people type it: 12, "12", "1,234", "12.0"; anything else is null. */
export function parseCountCell(cell: GridCell | undefined): number | null {
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell : null;
  const s = cellText(cell).replace(/[,，\s]/g, '');
  if (!/^-?\d+(\.0+)?$/.test(s)) return null;
  return Number(s);
}

/**
 * Reads and checks a grid against the catalogue: department known and within the caller's scope,
 * month well-formed and not in the future, every metric of the department present with a whole
 * number and no other, error-severity rules kept, each department-month once. Collects every problem.
 */
export function parseImportGrid(
  grid: Grid,
  catalog: ImportCatalog,
  principal: Principal,
  now: Date,
): ParsedImport {
  const problems: ImportProblem[] = [];
  const headerIndex = grid.findIndex(
    (row) =>
      DEPARTMENT_HEADERS.includes(norm(cellText(row[0]))) && PERIOD_HEADERS.includes(norm(cellText(row[1]))),
  );
  if (headerIndex < 0) {
    problems.push({
      row: 1,
      column: null,
      message: text(
        '找不到表头行：A 列应为“部门”，B 列应为“月份”，其后每列一个指标。',
        'No header row found: column A must be "部门" (department), column B "月份" (period), then one column per metric.',
      ),
    });
    return { headerRow: null, rows: [], problems };
  }
  const headerRowNumber = headerIndex + 1;
  const header = grid[headerIndex] ?? [];

  const metricByKey = new Map<string, Metric>();
  for (const m of catalog.metrics) {
    for (const key of [m.metricId, m.name['zh-CN'], m.name.en]) metricByKey.set(norm(key), m);
  }
  const metricColumns = new Map<number, Metric>();
  const unknownColumns = new Set<number>();
  let noteColumn: number | null = null;
  const seenMetric = new Map<string, number>();
  for (let c = 2; c < header.length; c++) {
    const h = cellText(header[c]);
    if (h === '') continue;
    if (NOTE_HEADERS.includes(norm(h))) {
      noteColumn = c;
      continue;
    }
    const metric = metricByKey.get(norm(h)) ?? metricByKey.get(norm(withoutUnit(h)));
    const where = { row: headerRowNumber, column: columnLetter(c), header: h };
    if (!metric) {
      unknownColumns.add(c);
      problems.push({
        ...where,
        message: text(`表头“${h}”不是已知的指标。`, `Header "${h}" is not a known metric.`),
      });
    } else if (seenMetric.has(metric.metricId)) {
      unknownColumns.add(c);
      const first = columnLetter(seenMetric.get(metric.metricId) ?? 0);
      problems.push({
        ...where,
        message: text(
          `指标“${metric.name['zh-CN']}”在 ${first} 列已出现过。`,
          `Metric "${metric.name.en}" already has column ${first}.`,
        ),
      });
    } else {
      seenMetric.set(metric.metricId, c);
      metricColumns.set(c, metric);
    }
  }

  const deptByKey = new Map<string, StoredDepartment>();
  for (const d of catalog.departments) {
    for (const key of [d.name.en, d.name['zh-CN'], d.departmentId]) deptByKey.set(norm(key), d);
  }
  const knownMetrics = new Map(catalog.metrics.map((m) => [m.metricId, m]));
  const seenMonth = new Map<string, number>();
  const rows: ImportRow[] = [];

  for (let r = headerIndex + 1; r < grid.length; r++) {
    const cells = grid[r] ?? [];
    const rowNumber = r + 1;
    if (cells.every((c) => cellText(c) === '')) continue;
    const deptText = cellText(cells[0]);
    if (TOTAL_LABELS.includes(norm(deptText))) continue;
    const rowProblems: ImportProblem[] = [];
    const at = (c: number, message: LocalizedText): ImportProblem => ({
      row: rowNumber,
      column: columnLetter(c),
      ...(cellText(header[c]) ? { header: cellText(header[c]) } : {}),
      message,
    });

    const department = deptText === '' ? undefined : deptByKey.get(norm(deptText));
    if (!department) {
      rowProblems.push(
        at(
          0,
          deptText === ''
            ? text('缺少部门。', 'The department is missing.')
            : text(
                `部门“${deptText.slice(0, 40)}”不存在。`,
                `Department "${deptText.slice(0, 40)}" does not exist.`,
              ),
        ),
      );
    } else {
      try {
        assertMayAct(principal, department);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        rowProblems.push(at(0, err.detailText));
      }
    }
    const period = parsePeriodCell(cells[1]);
    if (!period) {
      const raw = cellText(cells[1]);
      rowProblems.push(
        at(
          1,
          raw === ''
            ? text('缺少月份。', 'The month is missing.')
            : text(
                `月份“${raw.slice(0, 20)}”格式有误，应为 YYYY-MM，例如 2020-07。`,
                `Month "${raw.slice(0, 20)}" is malformed; use YYYY-MM, e.g. 2020-07.`,
              ),
        ),
      );
    } else if (isFuturePeriod(period, now)) {
      rowProblems.push(
        at(1, text(`${period} 尚未开始，不能导入。`, `${period} has not started; it cannot be imported.`)),
      );
    }

    const values: Record<string, unknown> = {};
    for (const c of unknownColumns) {
      if (cellText(cells[c]) !== '')
        rowProblems.push(
          at(
            c,
            text(
              '此列表头无法识别，数值无法导入。',
              'This column’s header is not recognised; its value cannot be imported.',
            ),
          ),
        );
    }
    for (const [c, metric] of metricColumns) {
      const raw = cells[c];
      if (cellText(raw) === '') continue;
      const n = parseCountCell(raw);
      if (n === null || n < 0 || n > MAX_VALUE) {
        rowProblems.push(
          at(
            c,
            text(
              `“${cellText(raw).slice(0, 20)}”不是 0 到 ${MAX_VALUE} 之间的整数。`,
              `"${cellText(raw).slice(0, 20)}" is not a whole number from 0 to ${MAX_VALUE}.`,
            ),
          ),
        );
        values[metric.metricId] = null;
      } else {
        values[metric.metricId] = n;
      }
    }

    if (department) {
      const assigned = new Set(department.metrics);
      for (const [c, metric] of metricColumns) {
        const filled = cellText(cells[c]) !== '';
        if (filled && !assigned.has(metric.metricId)) {
          rowProblems.push(
            at(
              c,
              text(
                `${department.name['zh-CN']}不填报此指标，此格应为空。`,
                `${department.name.en} does not report this metric; leave the cell empty.`,
              ),
            ),
          );
        } else if (!filled && assigned.has(metric.metricId)) {
          rowProblems.push(
            at(
              c,
              text(
                '缺少数值（本部门须填报此指标）。',
                'A value is missing (this department reports this metric).',
              ),
            ),
          );
        }
      }
      for (const metricId of department.metrics) {
        if (!seenMetric.has(metricId)) {
          const name = knownMetrics.get(metricId)?.name;
          rowProblems.push({
            row: rowNumber,
            column: null,
            message: text(
              `文件中没有“${name?.['zh-CN'] ?? metricId}”这一列，而${department.name['zh-CN']}须填报它。`,
              `The file has no column for "${name?.en ?? metricId}", which ${department.name.en} must report.`,
            ),
          });
        }
      }
    }

    if (department && period) {
      const key = `${department.departmentId}|${period}`;
      const first = seenMonth.get(key);
      if (first !== undefined) {
        rowProblems.push({
          row: rowNumber,
          column: null,
          message: text(
            `${department.name['zh-CN']} ${period} 与第 ${first} 行重复；两行都不导入。`,
            `${department.name.en} ${period} repeats row ${first}; neither row is imported.`,
          ),
        });
        const earlier = rows.find((x) => x.row === first);
        if (earlier) earlier.valid = false;
      } else {
        seenMonth.set(key, rowNumber);
      }
    }

    // The submit use-case checks these again; checking here lets the preview report them by cell.
    if (department && rowProblems.length === 0) {
      try {
        validateValues(values, department.metrics, knownMetrics);
        const { errors } = evaluateRules(values as Record<string, number>, department.metrics, catalog.rules);
        for (const e of errors) {
          const c = seenMetric.get(e.left);
          rowProblems.push(
            c === undefined ? { row: rowNumber, column: null, message: e.message } : at(c, e.message),
          );
        }
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        for (const p of err.fieldProblems) {
          const c = seenMetric.get(p.field.replace(/^values\./, ''));
          rowProblems.push(
            c === undefined ? { row: rowNumber, column: null, message: p.message } : at(c, p.message),
          );
        }
      }
    }

    problems.push(...rowProblems);
    const noteText = noteColumn === null ? '' : cellText(cells[noteColumn]);
    rows.push({
      row: rowNumber,
      departmentId: department?.departmentId ?? deptText,
      period: period ?? cellText(cells[1]),
      values: values as Record<string, number>,
      note: noteText === '' ? null : noteText.slice(0, 2000),
      valid: rowProblems.length === 0,
    });
  }
  problems.sort((a, b) => a.row - b.row);
  return { headerRow: headerRowNumber, rows, problems };
}
