/**
 * Bulk import rate: a generated history of 10 years x 50 departments x 12 metrics (6,000
 * department-months, 72,000 values) read from CSV, previewed and written through the normal submit
 * use-case. `benchImportRate(endpoint?)` returns department-months (file rows) per second; run alone
 * with `npx tsx bench/import-rate.ts`. Also exports the generator the import tests use.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../lambda/src/adapters/dynamodb/table';
import { readCsvGrid } from '../lambda/src/adapters/export/csv';
import { startDynamoDbLocal } from '../lambda/src/local/dynamodb-local';
import { buildDeps } from '../lambda/src/wiring';
import type { Grid } from '../shared/src/domain/import';
import { listPeriods, shiftPeriod } from '../shared/src/domain/period';
import type { Principal } from '../shared/src/domain/principal';
import type { Deps } from '../shared/src/use-cases/deps';
import { previewImport, runImport } from '../shared/src/use-cases/import-history';
import { putDepartment, putMetric } from '../shared/src/use-cases/manage-catalog';

export const IMPORTER: Principal = { sub: 'importer', name: '导入', role: 'coordinator', departmentId: null };

export interface HistoryShape {
  years: number;
  departments: number;
  metrics: number;
  /** First month of the history (default 2014-01). */
  from?: string;
}

/** A catalogue for the shape: metrics m01.., a root, one grouping unit per 10 departments, departments d001... */
export async function seedHistoryCatalog(deps: Deps, shape: HistoryShape): Promise<void> {
  const metricIds = Array.from({ length: shape.metrics }, (_, i) => `m${String(i + 1).padStart(2, '0')}`);
  for (const [i, id] of metricIds.entries()) {
    await putMetric(
      IMPORTER,
      id,
      { name: { 'zh-CN': `指标${i + 1}`, en: `Metric ${i + 1}` }, unit: { 'zh-CN': '件', en: 'cases' } },
      deps,
    );
  }
  await putDepartment(
    IMPORTER,
    'district',
    { name: { 'zh-CN': '区', en: 'District' }, parentId: null, metrics: [], contacts: [] },
    deps,
  );
  const groups = Math.ceil(shape.departments / 10);
  for (let g = 1; g <= groups; g++) {
    await putDepartment(
      IMPORTER,
      `street-${g}`,
      { name: { 'zh-CN': `第${g}街道`, en: `Street ${g}` }, parentId: 'district', metrics: [], contacts: [] },
      deps,
    );
  }
  for (let d = 1; d <= shape.departments; d++) {
    await putDepartment(
      IMPORTER,
      `d${String(d).padStart(3, '0')}`,
      {
        name: { 'zh-CN': `部门${d}`, en: `Department ${d}` },
        parentId: `street-${Math.ceil(d / 10)}`,
        metrics: metricIds,
        contacts: [],
      },
      deps,
    );
  }
}

/**
 * The history as a sheet: header `部门, 月份, 指标1…, 备注`, one row per department-month, values
 * from a fixed-seed generator so every run imports the same file. Departments by Chinese name.
 */
export function generateHistoryGrid(shape: HistoryShape): Grid {
  const from = shape.from ?? '2014-01';
  const periods = listPeriods(from, shiftPeriod(from, shape.years * 12 - 1));
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % 200;
  };
  const grid: Grid = [
    ['部门', '月份', ...Array.from({ length: shape.metrics }, (_, i) => `指标${i + 1}（件）`), '备注'],
  ];
  for (let d = 1; d <= shape.departments; d++) {
    for (const period of periods) {
      grid.push([`部门${d}`, period, ...Array.from({ length: shape.metrics }, () => next()), null]);
    }
  }
  return grid;
}

/** A grid as CSV text (no quoting needed: the generator writes no commas or quotes). */
export function gridToCsv(grid: Grid): string {
  return `\uFEFF${grid.map((row) => row.map((c) => (c === null ? '' : String(c))).join(',')).join('\r\n')}\r\n`;
}

/** Department-months per second for the full 10 x 50 x 12 history (parse, preview and write). */
export async function benchImportRate(
  endpoint?: string,
  log: (line: string) => void = () => undefined,
): Promise<number> {
  const own = endpoint ? undefined : await startDynamoDbLocal();
  const dbEndpoint = endpoint ?? (own?.endpoint as string);
  try {
    const tableName = `bench-import-${randomUUID().slice(0, 8)}`;
    const raw = new DynamoDBClient({
      endpoint: dbEndpoint,
      region: 'cn-north-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await ensureTable(raw, tableName);
    raw.destroy();
    const deps = buildDeps({ tableName, endpoint: dbEndpoint });
    const shape = { years: 10, departments: 50, metrics: 12 };
    await seedHistoryCatalog(deps, shape);
    const csv = Buffer.from(gridToCsv(generateHistoryGrid(shape)), 'utf8');
    log(`  import file: ${(csv.length / 1024).toFixed(0)} KiB CSV`);
    const started = performance.now();
    const grid = await readCsvGrid(csv);
    const preview = await previewImport(IMPORTER, grid, deps);
    const report = await runImport(IMPORTER, preview, deps, {
      onProgress: (done, total) => {
        if (done % 1000 === 0 || done === total) log(`  ${done}/${total}`);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    if (report.created !== preview.summary.rows || report.failed > 0) {
      throw new Error(
        `import incomplete: ${report.created} of ${preview.summary.rows} created, ${report.failed} failed`,
      );
    }
    const rate = report.created / seconds;
    log(
      `  ${report.created} department-months (${report.created * shape.metrics} values) in ${seconds.toFixed(1)} s: ${rate.toFixed(0)} rows/s`,
    );
    return rate;
  } finally {
    await own?.stop();
  }
}

export default benchImportRate;

if (require.main === module) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  benchImportRate(undefined, (line) => process.stdout.write(`${line}\n`)).then(
    (rate) => {
      process.stdout.write(`import rate: ${rate.toFixed(0)} department-months/s\n`);
      process.exit(0);
    },
    (err: Error) => {
      process.stderr.write(`${err.stack ?? err.message}\n`);
      process.exit(1);
    },
  );
}
