import type { AggregateTableContent, CellValue, ReportSheetContent } from './report-sheet';
import { uniqueSheetName } from './report-sheet';
import type { RecordsSheetContent, StatusCell, WorkbookPort } from './workbook-port';

/** Storage for drafts (window.localStorage in the browser; a Map in tests). */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const DRAFT_PREFIX = 'legal-reporting:draft:';

/**
 * The workbook when there is no Excel: sheets are arrays in memory, drafts go to localStorage so a
 * clerk reporting from a plain browser keeps what they typed across a reload.
 */
export class InMemoryWorkbook implements WorkbookPort {
  readonly kind = 'memory' as const;
  readonly sheets = new Map<string, CellValue[][]>();
  activeSheet: string | null = null;
  selection: { sheet: string; address: string } | null = null;
  readonly tables: { sheetName: string; content: AggregateTableContent }[] = [];

  constructor(private readonly storage: DraftStorage | null = null) {}

  async createReportSheet(content: ReportSheetContent): Promise<{ name: string; created: boolean }> {
    const created = !this.sheets.has(content.name);
    if (created)
      this.sheets.set(
        content.name,
        content.values.map((row) => [...row]),
      );
    this.activeSheet = content.name;
    return { name: content.name, created };
  }

  async readActiveSheet(): Promise<{ name: string; values: CellValue[][] } | null> {
    if (!this.activeSheet) return null;
    return { name: this.activeSheet, values: this.sheets.get(this.activeSheet) ?? [] };
  }

  async writeStatuses(sheetName: string, row: number, cells: StatusCell[]): Promise<void> {
    const sheet = this.sheets.get(sheetName);
    if (!sheet) throw new Error(`no sheet ${sheetName}`);
    for (const cell of cells) {
      while (sheet.length <= row) sheet.push([]);
      (sheet[row] as CellValue[])[cell.column] = cell.text;
    }
  }

  async selectCell(sheetName: string, address: string): Promise<void> {
    this.activeSheet = sheetName;
    this.selection = { sheet: sheetName, address };
  }

  async writeAggregateTable(table: AggregateTableContent): Promise<{ sheetName: string }> {
    const sheetName = uniqueSheetName(table.sheetName, [...this.sheets.keys()]);
    this.sheets.set(sheetName, [[table.title], table.header, ...table.rows]);
    this.tables.push({ sheetName, content: table });
    this.activeSheet = sheetName;
    return { sheetName };
  }

  async writeRecordsSheet(records: RecordsSheetContent): Promise<{ sheetName: string }> {
    const sheetName = uniqueSheetName(records.sheetName, [...this.sheets.keys()]);
    this.sheets.set(sheetName, [records.header, ...records.rows.map((r) => [...r])]);
    this.activeSheet = sheetName;
    return { sheetName };
  }

  async insertText(text: string): Promise<{ address: string }> {
    const sheetName = this.activeSheet ?? 'Sheet1';
    if (!this.sheets.has(sheetName)) this.sheets.set(sheetName, []);
    (this.sheets.get(sheetName) as CellValue[][])[0] = [text];
    this.activeSheet = sheetName;
    return { address: 'A1' };
  }

  async loadDraft(key: string): Promise<Record<string, string> | null> {
    const raw = this.storage?.getItem(DRAFT_PREFIX + key) ?? this.drafts.get(key) ?? null;
    if (!raw) return null;
    try {
      return JSON.parse(raw) as Record<string, string>;
    } catch {
      return null;
    }
  }

  async saveDraft(key: string, draft: Record<string, string> | null): Promise<void> {
    if (draft === null) {
      this.drafts.delete(key);
      this.storage?.removeItem(DRAFT_PREFIX + key);
      return;
    }
    const raw = JSON.stringify(draft);
    this.drafts.set(key, raw);
    try {
      this.storage?.setItem(DRAFT_PREFIX + key, raw);
    } catch {
      // Storage full or disabled (private mode): the draft still lives for this page's lifetime.
    }
  }

  private readonly drafts = new Map<string, string>();
}
