import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { generateHistoryGrid, gridToCsv, IMPORTER, seedHistoryCatalog } from '../../bench/import-rate';
import { readSpreadsheetFile } from '../../lambda/src/adapters/export/spreadsheet-file';
import type { Grid } from '../../shared/src/domain/import';
import { previewImport, runImport } from '../../shared/src/use-cases/import-history';
import { reconcileCounters } from '../../shared/src/use-cases/reconcile-counters';
import { seedSmallCatalog, startTestStack, type TestStack } from '../helpers/stack';

const dir = mkdtempSync(join(tmpdir(), 'import-test-'));

/** Every revision stored for the departments: the sum of the current versions. */
async function revisionCount(stack: TestStack, departments: string[]): Promise<number> {
  let n = 0;
  for (const d of departments)
    for (const s of await stack.deps.submissions.listForDepartment(d)) n += s.version;
  return n;
}

describe('bulk import of a generated multi-year history', () => {
  let stack: TestStack;
  const shape = { years: 10, departments: 5, metrics: 4, from: '2014-01' };
  const departments = ['d001', 'd002', 'd003', 'd004', 'd005'];
  let grid: Grid;

  beforeAll(async () => {
    stack = await startTestStack();
    await seedHistoryCatalog(stack.deps, shape);
    grid = generateHistoryGrid(shape);
  });
  afterAll(() => stack.stop());

  it('imports 10 years from a CSV file with exact counters, and a re-import changes nothing', async () => {
    const file = join(dir, 'history.csv');
    writeFileSync(file, gridToCsv(grid));
    const fromFile = await readSpreadsheetFile(file);
    const preview = await previewImport(IMPORTER, fromFile, stack.deps);
    expect(preview.problems).toEqual([]);
    expect(preview.summary).toEqual({ rows: 600, new: 600, changed: 0, unchanged: 0, invalid: 0 });

    const progress: number[] = [];
    const report = await runImport(IMPORTER, preview, stack.deps, {
      onProgress: (done) => progress.push(done),
    });
    expect(report).toMatchObject({ created: 600, revised: 0, unchanged: 0, failed: 0 });
    expect(progress.at(-1)).toBe(600);

    // The totals the coordinator sees are the file's sums.
    const fileSum = (metricCol: number) => grid.slice(1).reduce((n, row) => n + Number(row[metricCol]), 0);
    const admin = await stack.token({ role: 'coordinator' });
    const agg = await stack.api('GET', '/api/aggregates?from=2014-01&to=2023-12', { token: admin });
    expect(agg.body.totals).toEqual({ m01: fileSum(2), m02: fileSum(3), m03: fileSum(4), m04: fileSum(5) });
    expect(agg.body.completeness).toEqual({ expected: 600, received: 600 });
    expect((await reconcileCounters(stack.deps, { repair: false })).drift).toEqual([]);
    expect(await revisionCount(stack, departments)).toBe(600);

    const again = await previewImport(IMPORTER, await readSpreadsheetFile(file), stack.deps);
    expect(again.summary).toEqual({ rows: 600, new: 0, changed: 0, unchanged: 600, invalid: 0 });
    const second = await runImport(IMPORTER, again, stack.deps);
    expect(second).toMatchObject({ created: 0, revised: 0, unchanged: 600, failed: 0 });
    expect(await revisionCount(stack, departments)).toBe(600);
    const aggAgain = await stack.api('GET', '/api/aggregates?from=2014-01&to=2023-12', { token: admin });
    expect(aggAgain.body.totals).toEqual(agg.body.totals);
  }, 180_000);

  it('reads the same layout from an .xlsx (title rows, unit in brackets, ids) and revises only what changed', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('历史数据');
    sheet.addRow(['张庙街道法治建设月报（历史）']);
    sheet.addRow([]);
    sheet.addRow(['部门编号', '月份', 'm01', 'Metric 2', '指标3（件）', '指标4', '备注']);
    sheet.addRow([
      'd001',
      new Date(Date.UTC(2014, 0, 1)),
      999,
      grid[1]?.[3],
      grid[1]?.[4],
      grid[1]?.[5],
      '补录',
    ]);
    sheet.addRow([
      '部门2',
      '2014年1月',
      grid[121]?.[2],
      grid[121]?.[3],
      grid[121]?.[4],
      grid[121]?.[5],
      null,
    ]);
    const file = join(dir, 'history.xlsx');
    await workbook.xlsx.writeFile(file);
    const preview = await previewImport(IMPORTER, await readSpreadsheetFile(file), stack.deps);
    expect(preview.problems).toEqual([]);
    expect(preview.items.map((i) => [i.row, i.departmentId, i.period, i.status])).toEqual([
      [4, 'd001', '2014-01', 'changed'],
      [5, 'd002', '2014-01', 'unchanged'],
    ]);
    const report = await runImport(IMPORTER, preview, stack.deps);
    expect(report).toMatchObject({ created: 0, revised: 1, unchanged: 1, failed: 0 });
    const history = await stack.deps.submissions.listRevisions('d001', '2014-01');
    expect(history.map((r) => [r.version, r.values.m01, r.note])).toEqual([
      [1, grid[1]?.[2], null],
      [2, 999, '补录'],
    ]);
    expect((await reconcileCounters(stack.deps, { repair: false })).drift).toEqual([]);
  }, 60_000);
});

describe('bulk import of a bad file', () => {
  let stack: TestStack;
  let admin: string;

  beforeAll(async () => {
    stack = await startTestStack();
    ({ admin } = await seedSmallCatalog(stack));
    await stack.api('PUT', '/api/periods/2022-06/lock', { token: admin });
  });
  afterAll(() => stack.stop());

  const bad: Grid = [
    ['部门', '月份', '受理申请', '已答复', '法治讲座（场）', '备注'],
    ['办公室', '2022-01', 5, 4, null, null], // row 2: fine
    ['司法所', '2022-01', null, null, 3, '首报'], // row 3: fine
    ['财务科', '2022-01', 1, 1, null, null], // row 4: unknown department
    ['办公室', '2022-13', 1, 1, null, null], // row 5: bad month
    ['办公室', '2022-02', -1, 'x', null, null], // row 6: negative and non-numeric
    ['办公室', '2022-03', 5, null, null, null], // row 7: missing value
    ['司法所', '2022-03', 1, null, 2, null], // row 8: value for a metric the department does not report
    ['办公室', '2022-04', 1, 3, null, null], // row 9: answered > requests (error rule)
    ['一村', '2022-05', null, null, 1, null], // row 10: duplicated by row 11
    ['area-one', '2022-05', null, null, 2, null], // row 11
    ['司法所', '2099-01', null, null, 1, null], // row 12: future month
    ['司法所', '2022-06', null, null, 1, null], // row 13: locked month
    [null, null, null, null, null, null], // empty row: skipped
    ['合计', null, 6, 5, 4, null], // total row: skipped
  ];

  it('reports every problem by row and column and imports only the good department-months', async () => {
    const preview = await previewImport(IMPORTER, bad, stack.deps);
    const where = preview.problems.map((p) => `${p.row}${p.column ?? ''}`);
    expect(where).toEqual(['4A', '5B', '6C', '6D', '7D', '8C', '9D', '11', '12B', '13B']);
    expect(preview.problems.find((p) => p.row === 4)?.message['zh-CN']).toBe('部门“财务科”不存在。');
    expect(preview.problems.find((p) => p.row === 6)?.header).toBe('受理申请');
    expect(preview.problems.find((p) => p.row === 9)?.message['zh-CN']).toBe('答复数不能多于受理数。');
    expect(preview.summary).toMatchObject({ rows: 12, new: 2, invalid: 10 });

    const report = await runImport(IMPORTER, preview, stack.deps);
    expect(report).toMatchObject({ created: 2, failed: 10 });
    expect((await stack.deps.submissions.getCurrent('office', '2022-01'))?.values).toEqual({
      requests: 5,
      answered: 4,
    });
    expect((await stack.deps.submissions.getCurrent('judicial', '2022-01'))?.note).toBe('首报');
    for (const [dept, period] of [
      ['office', '2022-02'],
      ['office', '2022-03'],
      ['judicial', '2022-03'],
      ['office', '2022-04'],
      ['area-one', '2022-05'],
      ['judicial', '2022-06'],
    ] as const) {
      expect(await stack.deps.submissions.getCurrent(dept, period)).toBeNull();
    }
    expect((await reconcileCounters(stack.deps, { repair: false })).drift).toEqual([]);
  });

  it('refuses a month locked between the preview and the import, and writes nothing for it', async () => {
    const grid: Grid = [
      ['部门', '月份', '法治讲座'],
      ['司法所', '2022-07', 1],
      ['司法所', '2022-08', 2],
    ];
    const preview = await previewImport(IMPORTER, grid, stack.deps);
    expect(preview.summary).toMatchObject({ new: 2, invalid: 0 });
    await stack.api('PUT', '/api/periods/2022-08/lock', { token: admin });
    const report = await runImport(IMPORTER, preview, stack.deps);
    expect(report).toMatchObject({ created: 1, failed: 1 });
    expect(report.problems).toEqual([expect.objectContaining({ row: 3 })]);
    expect(report.problems[0]?.message['zh-CN']).toContain('已锁定');
    expect(await stack.deps.submissions.getCurrent('judicial', '2022-08')).toBeNull();
    expect((await stack.deps.submissions.getCurrent('judicial', '2022-07'))?.values).toEqual({ lectures: 1 });
  });

  it('refuses a file without the header row', async () => {
    const preview = await previewImport(
      IMPORTER,
      [
        ['单位', '时间'],
        ['办公室', '2022-01'],
      ],
      stack.deps,
    );
    expect(preview.problems).toHaveLength(1);
    expect(preview.problems[0]?.message.en).toContain('No header row found');
    expect(preview.items).toEqual([]);
  });

  it('limits a scoped importer to their own unit', async () => {
    const scoped = { sub: 'area-coord', name: '片区', role: 'coordinator' as const, departmentId: 'area' };
    const preview = await previewImport(scoped, bad.slice(0, 4), stack.deps);
    expect(preview.problems.map((p) => `${p.row}${p.column}`)).toEqual(['2A', '3A', '4A']);
    expect(preview.problems[0]?.message.en).toContain('outside the unit you coordinate');
  });

  it('runs from the command line: preview report with rows and columns, exit code 2, nothing written on --dry-run', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(
      file,
      gridToCsv(bad.map((row) => row.map((c) => (c === null ? null : String(c).replace(/,/g, ''))))),
    );
    const run = promisify(execFile);
    const env = { ...process.env, DYNAMODB_ENDPOINT: stack.dynamoEndpoint, TABLE_NAME: stack.tableName };
    const outcome = await run('npx', ['tsx', 'lambda/src/cli/import.ts', file, '--dry-run'], {
      env,
      cwd: join(__dirname, '../..'),
    }).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    expect(outcome.code).toBe(2);
    // The good rows were imported by the test above: a second run finds them unchanged.
    expect(outcome.stdout).toContain('新增 new 0, 更正 changed 0, 不变 unchanged 2, 有问题 invalid 10');
    expect(outcome.stdout).toMatch(/第 4 行 \/ row 4\tA（部门）\t部门“财务科”不存在。/);
    expect(outcome.stdout).toMatch(/第 6 行 \/ row 6\tC（受理申请）/);
    expect(await stack.deps.submissions.getCurrent('office', '2022-02')).toBeNull();
  }, 60_000);
});
