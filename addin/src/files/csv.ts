/**
 * CSV in the pane: reading the exports back (to write them into a sheet) and reading history files to
 * import. RFC 4180 (quoted fields, doubled quotes, CR/LF inside quotes). The project's CSV library
 * (fast-csv, through exceljs) is built on Node streams and does not run in the pane, so this small
 * reader does the same job here; the server-side import reads files with exceljs.
 */

/** The text of a CSV file's bytes: BOM dropped; UTF-8, else GB18030 (Excel's "Save as CSV" on a Chinese Windows). */
export function decodeCsvBytes(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gb18030').decode(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Rows of fields; a trailing empty line is not a row. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Cells for a sheet: whole numbers become numbers (values, versions; not ids with leading zeros), the rest stays text. A text
 * cell that the export protected against formula injection keeps its leading apostrophe, which
 * Excel takes as "this is text" and does not show.
 */
export function csvToCells(rows: string[][]): (string | number)[][] {
  return rows.map((r) => r.map((v) => (/^(0|-?[1-9]\d{0,14})$/.test(v) ? Number(v) : v)));
}
