/** .xlsx files of the exports and the bulk import, through exceljs. */
import type ExcelJS from 'exceljs';
import type { Grid, GridCell } from '../../../../shared/src/domain/import';
import type { ExportTable } from '../../../../shared/src/use-cases/export-table';

/** exceljs is loaded on first use: the exports function's cold start should not pay for it. */
const excel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A workbook with one sheet: bold header row frozen at the top, autofilter, numbers as numbers. */
export async function tableToXlsx(table: ExportTable): Promise<Buffer> {
  const workbook = new (await excel()).Workbook();
  workbook.creator = 'legal-reporting';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(safeSheetName(table.sheetName), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = table.columns.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  // Strings go in as shared strings, never as formulas: a note starting with "=" stays text.
  sheet.addRows(table.rows);
  table.columns.forEach((c, i) => {
    if (c.kind === 'integer') sheet.getColumn(i + 1).numFmt = '0';
  });
  if (table.columns.length > 0) {
    sheet.autoFilter = {
      from: { row: 1, column: 1 },
      to: { row: 1 + table.rows.length, column: table.columns.length },
    };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
function safeSheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';
}

/**
 * The cells of one sheet (the named one, else the first) as text or numbers, empty cells null.
 * Formulas give their cached result; dates (a period typed as a date) become `YYYY-MM-DD`.
 */
export async function readXlsxGrid(bytes: Uint8Array, sheetName?: string): Promise<Grid> {
  const workbook = new (await excel()).Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = sheetName ? workbook.getWorksheet(sheetName) : workbook.worksheets[0];
  if (!sheet) throw new Error(sheetName ? `no sheet named "${sheetName}"` : 'the workbook has no sheet');
  const grid: Grid = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: GridCell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = toGridCell(cell.value);
    });
    grid[rowNumber - 1] = Array.from(cells, (c) => c ?? null);
  });
  for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  return grid;
}

function toGridCell(value: ExcelJS.CellValue): GridCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return toGridCell((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('richText' in value) return value.richText.map((r) => r.text).join('') || null;
    if ('text' in value) return toGridCell((value as { text: ExcelJS.CellValue }).text);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}
