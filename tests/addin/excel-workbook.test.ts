/**
 * The Excel adapter against office-addin-mock: every operation stays within two `context.sync` calls
 * whatever the sheet's size, and the sheet is written as one 2D array (Excel round trips are what make
 * an add-in feel slow, especially in Excel on the web).
 */
import { OfficeMockObject } from 'office-addin-mock';
import { ExcelWorkbook } from '../../addin/src/workbook/excel-workbook';
import { buildReportSheet, type CellValue } from '../../addin/src/workbook/report-sheet';
import type { Metric } from '../../shared/src/contract/api-types';

interface FakeRange {
  address: string;
  values?: unknown;
  numberFormat?: unknown;
  format: Record<string, unknown>;
  [key: string]: unknown;
}

interface MockState {
  syncs: number;
  ranges: FakeRange[];
  added: string[];
  activated: string[];
  selected: string[];
  tables: { range: FakeRange; table: Record<string, unknown> }[];
  charts: { type: string; range: FakeRange; chart: { title: Record<string, unknown> } }[];
}

function metrics(n: number): Metric[] {
  return Array.from({ length: n }, (_, i) => ({
    metricId: `metric-${i + 1}`,
    name: { 'zh-CN': `指标${i + 1}`, en: `Metric ${i + 1}` },
    unit: { 'zh-CN': '件', en: 'cases' },
  }));
}

function periods(from: string, n: number): string[] {
  const [y, m] = from.split('-').map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => {
    const t = y * 12 + (m - 1) + i;
    return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
  });
}

/** An Excel object model just deep enough for the adapter, built on OfficeMockObject with a counted sync. */
function mockExcel(
  options: {
    sheetNames?: string[];
    active?: { name: string; values: CellValue[][]; rowIndex?: number };
  } = {},
) {
  const state: MockState = {
    syncs: 0,
    ranges: [],
    added: [],
    activated: [],
    selected: [],
    tables: [],
    charts: [],
  };
  const range = (address: string): FakeRange => {
    const r: FakeRange = {
      address,
      format: {
        font: {},
        fill: {},
        borders: { getItem: () => ({}) },
        autofitColumns: () => undefined,
      },
      dataValidation: { clear: () => undefined },
      getCell: (row: number, col: number) => range(`${address}@${row},${col}`),
      select: () => {
        state.selected.push(address);
      },
    };
    state.ranges.push(r);
    return r;
  };
  const sheet = (name: string) => ({
    name,
    getRange: (address: string) => range(`${name}!${address}`),
    activate: () => {
      state.activated.push(name);
    },
    freezePanes: { freezeRows: () => undefined },
    tables: {
      add: (r: FakeRange) => {
        const table = {};
        state.tables.push({ range: r, table });
        return table;
      },
    },
    charts: {
      add: (type: string, r: FakeRange) => {
        const chart = { title: {}, setPosition: () => undefined };
        state.charts.push({ type, range: r, chart });
        return chart;
      },
    },
  });
  const active = options.active ?? { name: 'Sheet1', values: [['']] };
  const mock = new OfficeMockObject({
    host: 'excel',
    context: {
      workbook: {
        worksheets: {
          load: () => undefined,
          add: (name: string) => {
            state.added.push(name);
            return sheet(name);
          },
          getItem: (name: string) => sheet(name),
          getActiveWorksheet: function (this: { active: unknown }) {
            return this.active;
          },
          active: {
            name: active.name,
            usedRange: { values: active.values, rowIndex: active.rowIndex ?? 0, columnIndex: 0 },
            getUsedRange: function (this: { usedRange: unknown }) {
              return this.usedRange;
            },
          },
        },
        tables: { load: () => undefined },
        selection: {
          cell: { address: 'Sheet1!C3', format: {} },
          getCell: function (this: { cell: unknown }) {
            return this.cell;
          },
        },
        getSelectedRange: function (this: { selection: unknown }) {
          return this.selection;
        },
      },
    },
    run: async function (this: { context: unknown }, callback: (context: unknown) => Promise<unknown>) {
      return callback(this.context);
    },
  }) as unknown as {
    context: {
      sync: () => Promise<void>;
      workbook: { worksheets: { items: unknown[] }; tables: { items: unknown[] } };
    };
    run: typeof Excel.run;
  };
  // Collections' `items` are plain arrays here (the mock cannot load navigation paths through arrays).
  mock.context.workbook.worksheets.items = (options.sheetNames ?? ['Sheet1']).map((name) => ({
    name,
    activate: () => state.activated.push(name),
  }));
  mock.context.workbook.tables.items = [];
  const sync = mock.context.sync.bind(mock.context);
  mock.context.sync = async () => {
    state.syncs++;
    await sync();
    // The mock resolves nested loads in later microtasks; let them settle as a real sync would.
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  const workbook = new ExcelWorkbook({ excel: mock, supportsExcelApi: () => true, settings: null });
  return { state, workbook };
}

const valueWrites = (state: MockState) => state.ranges.filter((r) => r.values !== undefined);

describe('ExcelWorkbook', () => {
  describe.each([
    ['1 month x 3 metrics', 1, 3],
    ['24 months x 30 metrics', 24, 30],
  ])('createReportSheet (%s)', (_label, months, metricCount) => {
    it('writes the whole sheet as one 2D array in at most two syncs', async () => {
      const content = buildReportSheet({
        departmentId: 'judicial-office',
        departmentName: '司法所',
        periods: periods('2019-07', months),
        metrics: metrics(metricCount),
        lang: 'zh-CN',
      });
      const { state, workbook } = mockExcel();
      const result = await workbook.createReportSheet(content);

      expect(result).toEqual({ name: content.name, created: true });
      expect(state.syncs).toBeLessThanOrEqual(2);
      expect(state.added).toEqual([content.name]);
      const writes = valueWrites(state);
      expect(writes).toHaveLength(1);
      const [write] = writes;
      expect(write?.address).toBe(`${content.name}!${content.address}`);
      const grid = write?.values as CellValue[][];
      expect(grid).toHaveLength(metricCount + 4);
      expect(grid.every((row) => row.length === months + 3)).toBe(true);
      // Month headers are typed as text before the values land, so Excel keeps "2019-07" as written.
      expect((write?.numberFormat as string[][] | undefined)?.[1]?.[3]).toBe('@');
      expect(grid[1]?.[3]).toBe('2019-07');
      const input = state.ranges.find((r) => r.address === `${content.name}!${content.inputAddress}`);
      expect(input?.dataValidation).toMatchObject({
        rule: { wholeNumber: { formula1: 0, formula2: 10_000_000, operator: 'Between' } },
      });
    });
  });

  it('never overwrites an existing report sheet (the drafts in it) and only activates it', async () => {
    const content = buildReportSheet({
      departmentId: 'judicial-office',
      departmentName: '司法所',
      periods: ['2020-01'],
      metrics: metrics(2),
      lang: 'zh-CN',
    });
    const { state, workbook } = mockExcel({ sheetNames: ['Sheet1', content.name] });
    const result = await workbook.createReportSheet(content);
    expect(result.created).toBe(false);
    expect(state.added).toEqual([]);
    expect(valueWrites(state)).toHaveLength(0);
    expect(state.activated).toEqual([content.name]);
    expect(state.syncs).toBeLessThanOrEqual(2);
  });

  it.each([
    [1, 3],
    [24, 30],
  ])(
    'reads the active sheet (%i months x %i metrics) in one sync, re-anchored at A1',
    async (months, metricCount) => {
      const content = buildReportSheet({
        departmentId: 'judicial-office',
        departmentName: '司法所',
        periods: periods('2019-07', months),
        metrics: metrics(metricCount),
        lang: 'zh-CN',
      });
      const { state, workbook } = mockExcel({ active: { name: content.name, values: content.values } });
      const read = await workbook.readActiveSheet();
      expect(state.syncs).toBe(1);
      expect(read?.name).toBe(content.name);
      expect(read?.values).toEqual(content.values);
    },
  );

  it('keeps row numbers right when the used range starts below row 1', async () => {
    const { workbook } = mockExcel({ active: { name: 'Data', values: [['x']], rowIndex: 2 } });
    const read = await workbook.readActiveSheet();
    expect(read?.values[2]?.[0]).toBe('x');
    expect(read?.values).toHaveLength(3);
  });

  it('writes 24 statuses back in one sync, each in its month column', async () => {
    const { state, workbook } = mockExcel();
    const cells = Array.from({ length: 24 }, (_, i) => ({
      column: 3 + i,
      text: `✓ v1 #${i}`,
      tone: 'ok' as const,
    }));
    await workbook.writeStatuses('月报 2019-07~2021-06', 33, cells);
    expect(state.syncs).toBe(1);
    const writes = valueWrites(state);
    expect(writes.map((w) => w.address)).toContain('月报 2019-07~2021-06!D34');
    expect(writes.map((w) => w.address)).toContain('月报 2019-07~2021-06!AA34');
    expect(writes.find((w) => w.address.endsWith('!AA34'))?.values).toEqual([['✓ v1 #23']]);
  });

  it('selects the cell to fix in one sync', async () => {
    const { state, workbook } = mockExcel();
    await workbook.selectCell('月报 2020-01', 'E5');
    expect(state.syncs).toBe(1);
    expect(state.activated).toEqual(['月报 2020-01']);
    expect(state.selected).toEqual(['月报 2020-01!E5']);
  });

  it.each([
    ['1 month', 1],
    ['24 months x 30 metrics', 24],
  ])(
    'writes an aggregate table with a native chart to a new, uniquely named sheet (%s) in two syncs',
    async (_l, groups) => {
      const { state, workbook } = mockExcel({ sheetNames: ['Sheet1', '汇总 2020-01~2020-12'] });
      const header = ['指标', ...Array.from({ length: groups }, (_, i) => `G${i}`), '合计'];
      const rows = Array.from({ length: 30 }, (_, r) => [
        `指标${r}（件）`,
        ...Array.from({ length: groups + 1 }, () => r),
      ]);
      const result = await workbook.writeAggregateTable({
        sheetName: '汇总 2020-01~2020-12',
        title: '全街道 2020-01 ~ 2020-12',
        header,
        rows,
        chartTitle: '全街道',
      });
      expect(state.syncs).toBeLessThanOrEqual(2);
      expect(result.sheetName).toBe('汇总 2020-01~2020-12 (2)');
      expect(state.added).toEqual(['汇总 2020-01~2020-12 (2)']);
      const body = valueWrites(state).find(
        (w) => Array.isArray(w.values) && (w.values as unknown[]).length === 31,
      );
      expect(body?.values).toEqual([header, ...rows]);
      expect(state.tables).toHaveLength(1);
      expect(state.tables[0]?.range).toBe(body);
      expect(state.tables[0]?.table).toMatchObject({
        name: 'LegalReportTotals1',
        style: 'TableStyleMedium2',
      });
      expect(state.charts).toHaveLength(1);
      expect(state.charts[0]?.type).toBe('ColumnClustered');
      expect(state.charts[0]?.chart.title).toEqual({ text: '全街道' });
    },
  );

  it('inserts the year-end paragraph into the selected cell in one sync', async () => {
    const { state, workbook } = mockExcel();
    const r = await workbook.insertText('2020年，张庙街道……');
    expect(state.syncs).toBe(1);
    expect(r.address).toBe('Sheet1!C3');
  });

  it('writes the submissions history to a new sheet in two syncs, months kept as text', async () => {
    const { state, workbook } = mockExcel({ sheetNames: ['Sheet1', '填报记录 2020-01~2020-12'] });
    const header = ['部门编号', '部门', '月份', '指标编号', '指标', '单位', '数值', '版本', '当前', '备注'];
    const rows = Array.from({ length: 2000 }, (_, i) => [
      'judicial-office',
      '司法所',
      '2020-07',
      'lectures',
      '法治讲座',
      '场',
      i,
      1,
      '是',
      i % 2 ? "'=更正" : '',
    ]);
    const r = await workbook.writeRecordsSheet({ sheetName: '填报记录 2020-01~2020-12', header, rows });
    expect(state.syncs).toBeLessThanOrEqual(2);
    expect(r.sheetName).toBe('填报记录 2020-01~2020-12 (2)');
    const body = valueWrites(state).find(
      (w) => Array.isArray(w.values) && (w.values as unknown[]).length === 2001,
    );
    expect(body?.address).toBe('填报记录 2020-01~2020-12 (2)!A1:J2001');
    expect((body?.values as unknown[][] | undefined)?.[1]).toEqual(rows[0]);
    const formats = body?.numberFormat as string[][];
    expect(formats[1]?.[2]).toBe('@'); // 2020-07 stays a month, not a date
    expect(formats[1]?.[6]).toBe('0');
    expect(state.activated).toContain('填报记录 2020-01~2020-12 (2)');
  });
});
