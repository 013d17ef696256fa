/**
 * The task pane's only door to the workbook. Views receive a WorkbookPort; only excel-workbook.ts calls
 * `Excel.run` (at most two `context.sync` per operation, whatever the sheet's size), and
 * in-memory-workbook.ts stands in when the page runs in a plain browser.
 */
import type { AggregateTableContent, CellValue, ReportSheetContent } from './report-sheet';

export interface StatusCell {
  /** 0-based column of the month on the report sheet. */
  column: number;
  text: string;
  tone: 'ok' | 'late' | 'error';
}

export interface RecordsSheetContent {
  /** Preferred sheet name; " (2)", " (3)"… are added if it is taken. */
  sheetName: string;
  header: string[];
  rows: (string | number)[][];
}

export interface WorkbookPort {
  /** `excel` when Office reports a host; `memory` in a plain browser (no sheet features shown). */
  readonly kind: 'excel' | 'memory';
  /** Writes the report sheet unless a sheet of that name exists (then it is only activated: drafts are never overwritten). */
  createReportSheet(content: ReportSheetContent): Promise<{ name: string; created: boolean }>;
  /** The active sheet's used range from A1, or null when the workbook has no active sheet. */
  readActiveSheet(): Promise<{ name: string; values: CellValue[][] } | null>;
  /** Writes the submit status beside each month, on row `row` (0-based) of `sheetName`. */
  writeStatuses(sheetName: string, row: number, cells: StatusCell[]): Promise<void>;
  /** Activates `sheetName` and selects `address`, so the clerk lands on the cell to fix. */
  selectCell(sheetName: string, address: string): Promise<void>;
  /** Writes `table` to a new worksheet as a formatted Excel table with a native chart; returns the sheet's name. */
  writeAggregateTable(table: AggregateTableContent): Promise<{ sheetName: string }>;
  /**
   * Writes records (a header row, then rows) to a new worksheet: text stays text (a month like
   * 2020-07 must not become a date), the header is bold and frozen where supported. Returns the sheet's name.
   */
  writeRecordsSheet(records: RecordsSheetContent): Promise<{ sheetName: string }>;
  /** Writes a paragraph into the selected cell (wrapped). */
  insertText(text: string): Promise<{ address: string }>;
  /** Unsent form values kept with the workbook, so nothing typed is lost on an error or a reload. */
  loadDraft(key: string): Promise<Record<string, string> | null>;
  saveDraft(key: string, draft: Record<string, string> | null): Promise<void>;
}
