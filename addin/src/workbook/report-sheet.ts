/**
 * The clerk's report sheet: metrics as rows, months as columns. Pure layout and parsing, shared by the
 * Excel adapter and the in-memory workbook, so the sheet's shape is tested without Excel.
 *
 * Layout (column A is hidden and carries machine keys, so renaming a metric or translating the sheet
 * never breaks reading it back):
 *   row 1  A: marker:<departmentId>  B: title
 *   row 2  A: #metric                B: 指标   C: 单位   D…: YYYY-MM (text)
 *   row 3… A: <metricId>             B: name   C: unit   D…: whole numbers (the draft)
 *   then   A: #note                  B: 更正说明           D…: the note sent with that month
 *   then   A: #status                B: 提交状态           D…: written back after each submit
 */

import type { Metric } from '../../../shared/src/domain/catalog';
import type { Lang } from '../../../shared/src/domain/localized';

export const SHEET_MARKER = 'legal-reporting:v1:';
export const MAX_VALUE = 10_000_000;
const FIRST_MONTH_COL = 3; // column D
const HEADER_ROW = 1; // row 2

export type CellValue = string | number | boolean | null;

/** Column letters of a 0-based column index (0 -> A, 26 -> AA). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1-style address of a 0-based (row, column). */
export function cellAddress(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

export function rangeAddress(row: number, col: number, rows: number, cols: number): string {
  return `${cellAddress(row, col)}:${cellAddress(row + rows - 1, col + cols - 1)}`;
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function reportSheetName(from: string, to: string, lang: Lang): string {
  const word = lang === 'en' ? 'Report' : '月报';
  return from === to ? `${word} ${from}` : `${word} ${from}~${to}`;
}

export interface ReportSheetSpec {
  departmentId: string;
  departmentName: string;
  periods: string[];
  metrics: Metric[];
  lang: Lang;
  /** Values already submitted, pre-filled so the sheet starts from the server's figures. */
  values?: Record<string, Record<string, number>>;
}

/** Everything the Excel adapter needs to write the sheet in one batch. */
export interface ReportSheetContent {
  name: string;
  /** The whole sheet as one 2D array, written in a single range assignment. */
  values: CellValue[][];
  /** Number formats for the same cells: month headers and notes as text (else Excel turns "2020-01" into a date), inputs as whole numbers. */
  numberFormats: string[][];
  address: string;
  titleAddress: string;
  headerAddress: string;
  /** The cells a clerk types into (whole numbers 0..MAX_VALUE). */
  inputAddress: string;
  noteAddress: string;
  statusAddress: string;
  labelColumnsAddress: string;
}

const LABELS = {
  'zh-CN': { metric: '指标', unit: '单位', note: '更正说明', status: '提交状态', title: '法治建设月度数据' },
  en: {
    metric: 'Metric',
    unit: 'Unit',
    note: 'Correction note',
    status: 'Status',
    title: 'monthly rule-of-law counts',
  },
} as const;

export function buildReportSheet(spec: ReportSheetSpec): ReportSheetContent {
  const l = LABELS[spec.lang];
  const width = FIRST_MONTH_COL + spec.periods.length;
  const pad = (row: CellValue[]): CellValue[] => [...row, ...Array(width - row.length).fill('')];
  const rows: CellValue[][] = [
    pad([`${SHEET_MARKER}${spec.departmentId}`, `${spec.departmentName} · ${l.title}`]),
    ['#metric', l.metric, l.unit, ...spec.periods],
    ...spec.metrics.map((m) => [
      m.metricId,
      m.name[spec.lang],
      m.unit[spec.lang],
      ...spec.periods.map((p) => spec.values?.[p]?.[m.metricId] ?? ''),
    ]),
    pad(['#note', l.note]),
    pad(['#status', l.status]),
  ];
  const n = spec.metrics.length;
  const months = Math.max(spec.periods.length, 1);
  const numberFormats = rows.map((_, r) =>
    Array.from({ length: width }, (_, c) => {
      if (r === HEADER_ROW || c < FIRST_MONTH_COL) return '@';
      if (r > HEADER_ROW && r <= HEADER_ROW + n) return '0';
      return '@';
    }),
  );
  return {
    name: reportSheetName(spec.periods[0] ?? '', spec.periods[spec.periods.length - 1] ?? '', spec.lang),
    values: rows,
    numberFormats,
    address: rangeAddress(0, 0, rows.length, width),
    titleAddress: cellAddress(0, 1),
    headerAddress: rangeAddress(HEADER_ROW, 1, 1, width - 1),
    inputAddress: rangeAddress(HEADER_ROW + 1, FIRST_MONTH_COL, Math.max(n, 1), months),
    noteAddress: rangeAddress(HEADER_ROW + 1 + n, FIRST_MONTH_COL, 1, months),
    statusAddress: rangeAddress(HEADER_ROW + 2 + n, FIRST_MONTH_COL, 1, months),
    labelColumnsAddress: rangeAddress(HEADER_ROW, 1, n + 3, 2),
  };
}

export interface SheetProblem {
  /** A1 address of the cell, e.g. "E5". */
  address: string;
  period: string;
  metricId: string;
  message: { 'zh-CN': string; en: string };
}

export interface ParsedReportSheet {
  departmentId: string;
  periods: string[];
  metricIds: string[];
  /** Months whose every metric holds a valid whole number: ready to submit. */
  complete: Record<string, Record<string, number>>;
  notes: Record<string, string>;
  problems: SheetProblem[];
  /** 0-based row of the status line and the column of each period: where statuses are written back. */
  statusRow: number;
  periodColumns: Record<string, number>;
}

function blank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** Reads a sheet's used range (from A1) back; null when it is not a report sheet. */
export function parseReportSheet(values: CellValue[][]): ParsedReportSheet | null {
  const marker = values[0]?.[0];
  if (typeof marker !== 'string' || !marker.startsWith(SHEET_MARKER)) return null;
  const departmentId = marker.slice(SHEET_MARKER.length);
  const header = values[HEADER_ROW] ?? [];
  const periodColumns: Record<string, number> = {};
  const periods: string[] = [];
  for (let c = FIRST_MONTH_COL; c < header.length; c++) {
    const p = String(header[c] ?? '').trim();
    if (/^\d{4}-(0[1-9]|1[0-2])$/.test(p)) {
      periods.push(p);
      periodColumns[p] = c;
    }
  }
  const metricRows: { metricId: string; row: number; name: string }[] = [];
  let noteRow = -1;
  let statusRow = -1;
  for (let r = HEADER_ROW + 1; r < values.length; r++) {
    const key = String(values[r]?.[0] ?? '').trim();
    if (key === '#note') noteRow = r;
    else if (key === '#status') statusRow = r;
    else if (key && !key.startsWith('#'))
      metricRows.push({ metricId: key, row: r, name: String(values[r]?.[1] ?? key) });
  }
  const complete: Record<string, Record<string, number>> = {};
  const notes: Record<string, string> = {};
  const problems: SheetProblem[] = [];
  for (const period of periods) {
    const col = periodColumns[period] as number;
    const cells = metricRows.map((m) => ({ ...m, value: values[m.row]?.[col] ?? null }));
    // A month left entirely blank is simply not reported yet; a half-filled one is a mistake.
    if (cells.every((c) => blank(c.value))) continue;
    const monthValues: Record<string, number> = {};
    let ok = true;
    for (const cell of cells) {
      const address = cellAddress(cell.row, col);
      const where = { address, period, metricId: cell.metricId };
      const v = cell.value;
      if (blank(v)) {
        problems.push({
          ...where,
          message: {
            'zh-CN': `${address}（${cell.name}，${period}）未填写。`,
            en: `${address} (${cell.name}, ${period}) is empty.`,
          },
        });
        ok = false;
        continue;
      }
      const n =
        typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : Number.NaN;
      if (!Number.isInteger(n) || n < 0 || n > MAX_VALUE) {
        problems.push({
          ...where,
          message: {
            'zh-CN': `${address}（${cell.name}，${period}）应为 0 到 ${MAX_VALUE} 之间的整数，当前为“${String(v)}”。`,
            en: `${address} (${cell.name}, ${period}) must be a whole number from 0 to ${MAX_VALUE}; found "${String(v)}".`,
          },
        });
        ok = false;
        continue;
      }
      monthValues[cell.metricId] = n;
    }
    if (ok) complete[period] = monthValues;
    const note = noteRow >= 0 ? values[noteRow]?.[col] : null;
    if (!blank(note)) notes[period] = String(note).trim();
  }
  return {
    departmentId,
    periods,
    metricIds: metricRows.map((m) => m.metricId),
    complete,
    notes,
    problems,
    statusRow,
    periodColumns,
  };
}

/** The table a coordinator writes to a new sheet: one row per metric, one column per group. */
export interface AggregateTableContent {
  /** Preferred sheet name; the adapter adds " (2)", " (3)"… if it is taken. */
  sheetName: string;
  title: string;
  /** Header row then body rows; first two columns are metric name and unit, then numbers. */
  header: string[];
  rows: CellValue[][];
  chartTitle: string;
}

/** Picks a sheet name not in `taken` (case-insensitive, as Excel compares them), within 31 chars. */
export function uniqueSheetName(wanted: string, taken: readonly string[]): string {
  const clean = wanted.replace(/[:\\/?*[\]]/g, '-').slice(0, 31);
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(clean.toLowerCase())) return clean;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = clean.slice(0, 31 - suffix.length) + suffix;
    if (!lower.has(name.toLowerCase())) return name;
  }
}
