import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Grid } from '../../../../shared/src/domain/import';
import { readCsvGrid } from './csv';
import { readXlsxGrid } from './xlsx';

/** The cells of a .csv or .xlsx file (the named sheet, else the first), by its extension. */
export async function readSpreadsheetFile(path: string, sheetName?: string): Promise<Grid> {
  const bytes = await readFile(path);
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return readCsvGrid(bytes);
  if (ext === '.xlsx' || ext === '.xlsm') return readXlsxGrid(bytes, sheetName);
  throw new Error(
    `unsupported file type "${ext}": use .csv or .xlsx (an old .xls must be saved as .xlsx first)`,
  );
}
