import { invalid } from '../domain/errors';
import type { Lang, LocalizedText } from '../domain/localized';

/** A cell of an export: text, a whole number, or empty. */
export type ExportCell = string | number | null;

/**
 * A table ready to be written as CSV or xlsx (the file formats are adapters in lambda/). Headers and
 * names are already in the requested language.
 */
export interface ExportTable {
  /** File name without extension, ASCII (safe in every Content-Disposition parser). */
  fileName: string;
  /** The same in the requested language (e.g. 填报记录_2020-01_2020-12), for clients that support it. */
  localizedFileName: string;
  sheetName: string;
  columns: { header: string; kind: 'text' | 'integer'; width: number }[];
  rows: ExportCell[][];
}

export type ExportFormat = 'csv' | 'xlsx';

/** `format` of an export request: csv (the default) or xlsx. */
export function parseExportFormat(value: string | undefined): ExportFormat {
  if (value === undefined || value === '' || value === 'csv') return 'csv';
  if (value === 'xlsx') return 'xlsx';
  throw invalid('format', 'format 只能是 csv 或 xlsx。', 'format must be csv or xlsx.');
}

export function column(header: LocalizedText, lang: Lang, kind: 'text' | 'integer' = 'text', width = 14) {
  return { header: header[lang], kind, width };
}
