import { ApiProblem, NetworkError } from '../../addin/src/api/api-client';
import { createReportSheetFor, submitFromSheet } from '../../addin/src/taskpane/sheet-flow';
import { InMemoryWorkbook } from '../../addin/src/workbook/in-memory-workbook';
import type { CellValue } from '../../addin/src/workbook/report-sheet';
import type { Metric, SubmissionResponse } from '../../shared/src/contract/api-types';

const METRICS: Metric[] = [
  {
    metricId: 'mediations',
    name: { 'zh-CN': '调解纠纷', en: 'Mediations' },
    unit: { 'zh-CN': '件', en: 'cases' },
  },
  {
    metricId: 'materials',
    name: { 'zh-CN': '发放宣传资料', en: 'Materials' },
    unit: { 'zh-CN': '份', en: 'copies' },
  },
];

function submission(
  period: string,
  values: Record<string, number>,
  version = 1,
  late = false,
): SubmissionResponse {
  return {
    departmentId: 'res-tonghe-1',
    period,
    version,
    values,
    note: null,
    submittedBy: 'clerk',
    submittedAt: '2020-03-04T02:00:00.000Z',
    late,
    dueDate: '2020-03-06',
    warnings: [],
  };
}

/** A fake backend holding submissions in a map, recording every PUT. */
function fakeApi(initial: Record<string, Record<string, number>> = {}) {
  const store = new Map(Object.entries(initial).map(([p, v]) => [p, submission(p, v)]));
  const puts: { period: string; values: Record<string, number>; note?: string | null; ifMatch?: number }[] =
    [];
  const failures = new Map<string, Error>();
  return {
    puts,
    failures,
    api: {
      submission: async (_d: string, period: string) => store.get(period) ?? null,
      submit: async (
        _d: string,
        period: string,
        body: { values: Record<string, number>; note?: string | null },
        ifMatch?: number,
      ) => {
        puts.push({ period, ...body, ifMatch });
        const failure = failures.get(period);
        if (failure) throw failure;
        const next = submission(
          period,
          body.values,
          (store.get(period)?.version ?? 0) + 1,
          period === '2020-02',
        );
        store.set(period, next);
        return { submission: next, created: next.version === 1 };
      },
    },
  };
}

async function setUp(initial: Record<string, Record<string, number>> = {}) {
  const backend = fakeApi(initial);
  const port = new InMemoryWorkbook();
  const created = await createReportSheetFor({
    api: backend.api,
    port,
    departmentId: 'res-tonghe-1',
    departmentName: '同和一居',
    metrics: METRICS,
    from: '2020-01',
    to: '2020-03',
    lang: 'zh-CN',
  });
  const cells = port.sheets.get(created.name) as CellValue[][];
  return { ...backend, port, name: created.name, cells };
}

describe('createReportSheetFor', () => {
  it('pre-fills the months already submitted', async () => {
    const { cells } = await setUp({ '2020-02': { mediations: 4, materials: 50 } });
    expect(cells[2]).toEqual(['mediations', '调解纠纷', '件', '', 4, '']);
    expect(cells[3]).toEqual(['materials', '发放宣传资料', '份', '', 50, '']);
  });
});

describe('submitFromSheet', () => {
  it('submits only the months that changed and writes each status beside its month', async () => {
    const { api, port, puts, cells, name } = await setUp({ '2020-02': { mediations: 4, materials: 50 } });
    (cells[2] as CellValue[])[3] = 1; // 2020-01: new
    (cells[3] as CellValue[])[3] = 10;
    (cells[3] as CellValue[])[4] = 55; // 2020-02: corrected
    (cells[4] as CellValue[])[4] = '台账核对后更正';
    const progress: [number, number][] = [];
    const outcome = await submitFromSheet({
      api,
      port,
      departmentId: 'res-tonghe-1',
      lang: 'zh-CN',
      onProgress: (d, t) => progress.push([d, t]),
    });
    expect(outcome.kind).toBe('done');
    expect(puts.map((p) => p.period).sort()).toEqual(['2020-01', '2020-02']);
    expect(puts.find((p) => p.period === '2020-02')).toMatchObject({
      note: '台账核对后更正',
      ifMatch: 1,
      values: { mediations: 4, materials: 55 },
    });
    expect(progress.at(-1)).toEqual([2, 2]);
    const status = port.sheets.get(name)?.[5] as CellValue[];
    expect(status[3]).toMatch(/^✓ 第1版 /);
    expect(status[4]).toMatch(/^✓ 第2版 .*（迟报）$/);
    expect(status[5]).toBe(''); // 2020-03 left blank: not reported, no status
  });

  it('sends nothing when the sheet matches what was submitted', async () => {
    const { api, port, puts } = await setUp({ '2020-02': { mediations: 4, materials: 50 } });
    const outcome = await submitFromSheet({ api, port, departmentId: 'res-tonghe-1', lang: 'zh-CN' });
    expect(outcome).toMatchObject({ kind: 'done', submitted: [], failed: [], unchanged: ['2020-02'] });
    expect(puts).toEqual([]);
  });

  it('submits nothing while any cell is wrong, and selects the first bad cell', async () => {
    const { api, port, puts, cells, name } = await setUp();
    (cells[2] as CellValue[])[3] = 1;
    (cells[3] as CellValue[])[3] = 'abc';
    const outcome = await submitFromSheet({ api, port, departmentId: 'res-tonghe-1', lang: 'en' });
    expect(outcome.kind).toBe('problems');
    if (outcome.kind === 'problems')
      expect(outcome.problems[0]?.message.en).toContain('D4 (发放宣传资料, 2020-01)');
    expect(puts).toEqual([]);
    expect(port.selection).toEqual({ sheet: name, address: 'D4' });
  });

  it('writes the server’s reason beside a month that was refused and still submits the others', async () => {
    const { api, port, failures, cells, name } = await setUp();
    (cells[2] as CellValue[])[3] = 1;
    (cells[3] as CellValue[])[3] = 2;
    (cells[2] as CellValue[])[5] = 3;
    (cells[3] as CellValue[])[5] = 4;
    failures.set(
      '2020-01',
      new ApiProblem({
        type: '/problems/period-locked',
        title: '已锁定',
        status: 409,
        detail: '2020-01 已锁定，不能再提交或修改。',
      }),
    );
    const outcome = await submitFromSheet({ api, port, departmentId: 'res-tonghe-1', lang: 'zh-CN' });
    expect(outcome).toMatchObject({ kind: 'done', failed: [{ period: '2020-01' }] });
    const status = port.sheets.get(name)?.[5] as CellValue[];
    expect(status[3]).toBe('✗ 2020-01 已锁定，不能再提交或修改。');
    expect(status[5]).toMatch(/^✓ 第1版/);
  });

  it('says so when the network is gone, leaving the sheet as typed', async () => {
    const { api, port, failures, cells, name } = await setUp();
    (cells[2] as CellValue[])[3] = 1;
    (cells[3] as CellValue[])[3] = 2;
    failures.set('2020-01', new NetworkError());
    await submitFromSheet({ api, port, departmentId: 'res-tonghe-1', lang: 'zh-CN' });
    const sheet = port.sheets.get(name) as CellValue[][];
    expect(sheet[2]?.[3]).toBe(1);
    expect(sheet[5]?.[3]).toContain('无法连接服务器');
  });

  it('refuses another department’s sheet and a sheet that is not a report sheet', async () => {
    const { api, port } = await setUp();
    expect(await submitFromSheet({ api, port, departmentId: 'judicial-office', lang: 'zh-CN' })).toEqual({
      kind: 'other-department',
    });
    port.sheets.set('名单', [['张三']]);
    port.activeSheet = '名单';
    expect(await submitFromSheet({ api, port, departmentId: 'res-tonghe-1', lang: 'zh-CN' })).toEqual({
      kind: 'not-a-report-sheet',
    });
  });
});
