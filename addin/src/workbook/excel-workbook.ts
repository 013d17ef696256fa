/**
 * The Excel adapter of WorkbookPort: the only file that calls `Excel.run`. Every operation queues all
 * its commands and syncs at most twice (once to learn what exists, once to write), and sheet contents
 * are written as one 2D array assignment, so a 24-month x 30-metric sheet costs the same round trips
 * as a one-month one (tests/addin/excel-workbook.test.ts counts them with office-addin-mock).
 * Requirement: ExcelApi 1.1 (Excel 2016); newer niceties are applied only where the host supports them.
 */
import type { AggregateTableContent, CellValue, ReportSheetContent } from './report-sheet';
import { cellAddress, rangeAddress, uniqueSheetName } from './report-sheet';
import type { RecordsSheetContent, StatusCell, WorkbookPort } from './workbook-port';

/** Office's document settings (Common API): where drafts live, inside the workbook file. */
export interface DocumentSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback?: (result: { status: unknown }) => void): void;
}

export interface ExcelWorkbookDeps {
  excel: { run: typeof Excel.run };
  /** `Office.context.requirements.isSetSupported('ExcelApi', version)`. */
  supportsExcelApi: (version: string) => boolean;
  settings: DocumentSettings | null;
}

const TONE_COLOURS: Record<StatusCell['tone'], string> = { ok: '#107C10', late: '#8A3707', error: '#C50F1F' };
const DRAFT_PREFIX = 'legal-reporting.draft.';

export class ExcelWorkbook implements WorkbookPort {
  readonly kind = 'excel' as const;

  constructor(private readonly deps: ExcelWorkbookDeps) {}

  createReportSheet(content: ReportSheetContent): Promise<{ name: string; created: boolean }> {
    return this.deps.excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      await context.sync();
      const existing = sheets.items.find((s) => s.name.toLowerCase() === content.name.toLowerCase());
      if (existing) {
        // The sheet holds the clerk's drafts: never overwrite it, just bring it to the front.
        existing.activate();
        await context.sync();
        return { name: existing.name, created: false };
      }
      const sheet = sheets.add(content.name);
      const all = sheet.getRange(content.address);
      // Formats before values: "2020-01" typed into a General cell would become a date.
      all.numberFormat = content.numberFormats;
      all.values = content.values;
      all.format.font.name = 'Microsoft YaHei';
      const title = sheet.getRange(content.titleAddress);
      title.format.font.bold = true;
      title.format.font.size = 14;
      const header = sheet.getRange(content.headerAddress);
      header.format.font.bold = true;
      header.format.fill.color = '#E8F0E8';
      header.format.horizontalAlignment = 'Center';
      const input = sheet.getRange(content.inputAddress);
      input.format.fill.color = '#FFFBEA';
      input.format.horizontalAlignment = 'Right';
      for (const edge of [
        'EdgeTop',
        'EdgeBottom',
        'EdgeLeft',
        'EdgeRight',
        'InsideHorizontal',
        'InsideVertical',
      ] as const) {
        const border = input.format.borders.getItem(edge);
        border.style = 'Continuous';
        border.color = '#C8C6C4';
      }
      sheet.getRange(content.noteAddress).format.wrapText = true;
      sheet.getRange(content.statusAddress).format.font.italic = true;
      if (this.deps.supportsExcelApi('1.2')) {
        sheet.getRange('A:A').columnHidden = true;
        sheet.getRange(content.labelColumnsAddress).format.autofitColumns();
      }
      if (this.deps.supportsExcelApi('1.8')) {
        input.dataValidation.clear();
        input.dataValidation.rule = {
          wholeNumber: { formula1: 0, formula2: 10_000_000, operator: 'Between' },
        };
        input.dataValidation.errorAlert = {
          showAlert: true,
          style: 'Stop',
          title: '只能填写整数 / Whole numbers only',
          message: '请输入 0 到 10000000 之间的整数。 Enter a whole number from 0 to 10,000,000.',
        };
      }
      if (this.deps.supportsExcelApi('1.7')) sheet.freezePanes.freezeRows(2);
      sheet.activate();
      input.getCell(0, 0).select();
      await context.sync();
      return { name: content.name, created: true };
    });
  }

  readActiveSheet(): Promise<{ name: string; values: CellValue[][] } | null> {
    return this.deps.excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.load('name');
      const used = sheet.getUsedRange();
      used.load('values,rowIndex,columnIndex');
      await context.sync();
      // The used range need not start at A1; re-anchor it so addresses match the sheet's.
      const values: CellValue[][] = Array.from({ length: used.rowIndex }, () => []);
      for (const row of used.values as CellValue[][]) {
        values.push([...Array<CellValue>(used.columnIndex).fill(null), ...row]);
      }
      return { name: sheet.name, values };
    });
  }

  writeStatuses(sheetName: string, row: number, cells: StatusCell[]): Promise<void> {
    if (cells.length === 0) return Promise.resolve();
    return this.deps.excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      // One small write per month just submitted: the other months keep the status they had.
      for (const cell of cells) {
        const target = sheet.getRange(cellAddress(row, cell.column));
        target.values = [[cell.text]];
        target.format.font.color = TONE_COLOURS[cell.tone];
      }
      await context.sync();
    });
  }

  selectCell(sheetName: string, address: string): Promise<void> {
    return this.deps.excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      sheet.activate();
      sheet.getRange(address).select();
      await context.sync();
    });
  }

  writeAggregateTable(table: AggregateTableContent): Promise<{ sheetName: string }> {
    return this.deps.excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      const tables = context.workbook.tables;
      tables.load('items/name');
      await context.sync();
      const sheetName = uniqueSheetName(
        table.sheetName,
        sheets.items.map((s) => s.name),
      );
      const sheet = sheets.add(sheetName);
      const title = sheet.getRange('A1');
      title.values = [[table.title]];
      title.format.font.bold = true;
      title.format.font.size = 14;
      const width = table.header.length;
      const body = [table.header, ...table.rows] as CellValue[][];
      const range = sheet.getRange(rangeAddress(2, 0, body.length, width));
      range.numberFormat = body.map((row, r) => row.map((_, c) => (r === 0 || c === 0 ? '@' : '#,##0')));
      range.values = body;
      const excelTable = sheet.tables.add(range, true);
      excelTable.name = uniqueTableName(tables.items.map((t) => t.name));
      excelTable.style = 'TableStyleMedium2';
      const chart = sheet.charts.add('ColumnClustered', range, 'Auto');
      chart.title.text = table.chartTitle;
      const chartTop = 2 + body.length + 2;
      chart.setPosition(`A${chartTop}`, `H${chartTop + 18}`);
      if (this.deps.supportsExcelApi('1.2')) range.format.autofitColumns();
      sheet.activate();
      await context.sync();
      return { sheetName };
    });
  }

  /** Two syncs whatever the size: sheet names, then one 2D write with its formats. */
  writeRecordsSheet(records: RecordsSheetContent): Promise<{ sheetName: string }> {
    return this.deps.excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      await context.sync();
      const sheetName = uniqueSheetName(
        records.sheetName,
        sheets.items.map((s) => s.name),
      );
      const sheet = sheets.add(sheetName);
      const width = records.header.length;
      const body: CellValue[][] = [
        records.header,
        ...records.rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? '')),
      ];
      const range = sheet.getRange(rangeAddress(0, 0, body.length, width));
      // Formats before values: text as text ("2020-07" would otherwise become a date), numbers as numbers.
      range.numberFormat = body.map((row, r) => row.map((v) => (r > 0 && typeof v === 'number' ? '0' : '@')));
      range.values = body;
      const header = sheet.getRange(rangeAddress(0, 0, 1, width));
      header.format.font.bold = true;
      header.format.fill.color = '#E8F0E8';
      if (this.deps.supportsExcelApi('1.7')) sheet.freezePanes.freezeRows(1);
      if (this.deps.supportsExcelApi('1.2')) range.format.autofitColumns();
      sheet.activate();
      await context.sync();
      return { sheetName };
    });
  }

  insertText(text: string): Promise<{ address: string }> {
    return this.deps.excel.run(async (context) => {
      const cell = context.workbook.getSelectedRange().getCell(0, 0);
      cell.values = [[text]];
      cell.format.wrapText = true;
      cell.load('address');
      await context.sync();
      return { address: cell.address };
    });
  }

  async loadDraft(key: string): Promise<Record<string, string> | null> {
    const value = this.deps.settings?.get(DRAFT_PREFIX + key);
    return value && typeof value === 'object' ? (value as Record<string, string>) : null;
  }

  saveDraft(key: string, draft: Record<string, string> | null): Promise<void> {
    const settings = this.deps.settings;
    if (!settings) return Promise.resolve();
    if (draft === null) settings.remove(DRAFT_PREFIX + key);
    else settings.set(DRAFT_PREFIX + key, draft);
    // saveAsync persists into the document; a failure leaves the draft in memory for this session.
    return new Promise((resolve) => settings.saveAsync(() => resolve()));
  }
}

function uniqueTableName(taken: readonly string[]): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  for (let i = 1; ; i++) {
    const name = `LegalReportTotals${i}`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}
