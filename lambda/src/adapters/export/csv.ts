/**
 * CSV files of the exports and the bulk import, through exceljs (its CSV support wraps fast-csv).
 * Written as UTF-8 with a byte-order mark, because Excel opens a CSV without one in the system's
 * ANSI code page and shows Chinese as mojibake; read as UTF-8, or GB18030 when the bytes are not
 * UTF-8 (what Excel on a Chinese Windows writes with "Save as CSV").
 */
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { Grid, GridCell } from '../../../../shared/src/domain/import';
import type { ExportTable } from '../../../../shared/src/use-cases/export-table';

const BOM = '\uFEFF';

/** exceljs is loaded on first use: the exports function's cold start should not pay for it. */
const excel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;

/**
 * Text cells that Excel would run as a formula (=, +, -, @, tab, CR at the start) get a leading
 * apostrophe: notes are typed by users, and a CSV opened in Excel must not execute them (OWASP
 * "CSV injection"). Numbers are written as numbers.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export async function tableToCsv(table: ExportTable): Promise<Buffer> {
  const workbook = new (await excel()).Workbook();
  const sheet = workbook.addWorksheet(table.sheetName);
  sheet.addRow(table.columns.map((c) => c.header));
  for (const row of table.rows)
    sheet.addRow(row.map((v) => (typeof v === 'string' ? neutralizeFormula(v) : v)));
  const body = await workbook.csv.writeBuffer({
    // exceljs turns empty cells into '' itself; keep every other value as the table has it.
    map: (value: unknown) => value,
    formatterOptions: { writeBOM: true, rowDelimiter: '\r\n' },
  });
  return Buffer.from(body);
}

/** The text of a CSV file: BOM dropped; UTF-8, else GB18030. */
export function decodeCsv(bytes: Uint8Array): string {
  let textValue: string;
  try {
    textValue = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    textValue = new TextDecoder('gb18030').decode(bytes);
  }
  return textValue.startsWith(BOM) ? textValue.slice(1) : textValue;
}

/** The cells of a CSV file as text (empty cells null); numbers are left to the import's own parsing. */
export async function readCsvGrid(bytes: Uint8Array): Promise<Grid> {
  const workbook = new (await excel()).Workbook();
  const sheet = await workbook.csv.read(Readable.from([decodeCsv(bytes)]), {
    // Keep every cell as written: exceljs would otherwise guess numbers and dates ("2020-07" included).
    map: (value: unknown) => value,
  });
  const grid: Grid = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values = (row.values as unknown[]).slice(1);
    grid[rowNumber - 1] = values.map(
      (v): GridCell => (v === undefined || v === null || v === '' ? null : String(v)),
    );
  });
  for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  return grid;
}
