/**
 * Import of history from the pane: the shared file rules find every problem by row and column
 * before anything is sent, only new and changed department-months are written, a refused month is
 * reported on its row without stopping the others, and importing the same file again sends nothing.
 */

import { ApiProblem } from '../../addin/src/api/api-client';
import { previewImport, runImport } from '../../addin/src/taskpane/import-flow';
import type { DepartmentView, Metric, Rule, SubmissionResponse } from '../../shared/src/contract/api-types';
import type { Grid } from '../../shared/src/domain/import';

const metrics: Metric[] = [
  {
    metricId: 'lectures',
    name: { 'zh-CN': '法治讲座', en: 'Lectures' },
    unit: { 'zh-CN': '场', en: 'lectures' },
  },
  {
    metricId: 'consultations',
    name: { 'zh-CN': '接待法律咨询', en: 'Consultations' },
    unit: { 'zh-CN': '件', en: 'cases' },
  },
];
const dept = (departmentId: string, zh: string, parentId: string | null, m: string[]): DepartmentView => ({
  departmentId,
  name: { 'zh-CN': zh, en: departmentId },
  parentId,
  metrics: m,
  contacts: [],
  ancestors: parentId ? [parentId] : [],
});
const departments = [
  dept('office', '街道', null, []),
  dept('judicial-office', '司法所', 'office', ['lectures', 'consultations']),
  dept('street-office', '街道办公室', 'office', ['lectures']),
];
const rules: Rule[] = [];
const coordinator = { sub: 'wang.fang', name: '王芳', role: 'coordinator' as const, departmentId: null };

/** The server as the import sees it: current submissions per month, and the submit route. */
function fakeServer(locked: string[] = []) {
  const store = new Map<string, SubmissionResponse>();
  const sent: string[] = [];
  const api = {
    submissions: async (period: string) => ({
      submissions: [...store.values()].filter((s) => s.period === period),
    }),
    submit: async (
      departmentId: string,
      period: string,
      body: { values: Record<string, number>; note?: string | null },
    ) => {
      sent.push(`${departmentId}|${period}`);
      if (locked.includes(period))
        throw new ApiProblem({
          type: '/problems/period-locked',
          title: 'Locked',
          status: 409,
          detail: `${period} 已锁定。`,
        });
      const key = `${departmentId}|${period}`;
      const existing = store.get(key);
      const submission = {
        departmentId,
        period,
        version: (existing?.version ?? 0) + 1,
        values: body.values,
        note: body.note ?? null,
      } as SubmissionResponse;
      store.set(key, submission);
      return { submission, created: !existing };
    },
  };
  return { api, store, sent };
}

const grid: Grid = [
  ['张庙街道 历史数据'],
  ['部门', '月份', '法治讲座（场）', '接待法律咨询（件）', '备注'],
  ['司法所', '2019-01', 3, 10, null],
  ['司法所', '2019年2月', 4, 12, null],
  ['street-office', '2019-01', 2, null, null],
  ['司法所', '2019-03', -1, 5, null], // bad value
  ['nowhere', '2019-01', 1, 1, null], // unknown department
  ['街道办公室', '2019-02', 1, 7, null], // a metric the department does not report
  ['合计', null, 10, 35, null],
];

describe('import of history from the pane', () => {
  it('previews every problem by row and column, then writes only the good months, with progress', async () => {
    const { api, sent } = fakeServer();
    const preview = await previewImport(grid, { metrics, departments, rules }, coordinator, api);
    expect(preview.summary).toEqual({ new: 3, changed: 0, unchanged: 0, invalid: 3 });
    const where = preview.problems.map((p) => `${p.row}${p.column ?? ''}`);
    expect(where).toEqual(expect.arrayContaining(['6C', '8D']));
    expect(preview.problems.some((p) => p.row === 7)).toBe(true);
    expect(preview.problems.find((p) => p.row === 6)?.message['zh-CN']).toBeTruthy();
    expect(sent).toEqual([]);

    const progress: string[] = [];
    const outcome = await runImport(preview, api, 'zh-CN', {
      correctionNote: '历史数据导入',
      onProgress: (d, t) => progress.push(`${d}/${t}`),
    });
    expect(outcome).toMatchObject({ created: 3, revised: 0, unchanged: 0, failed: 3 });
    expect(sent.sort()).toEqual([
      'judicial-office|2019-01',
      'judicial-office|2019-02',
      'street-office|2019-01',
    ]);
    expect(progress[0]).toBe('0/3');
    expect(progress.at(-1)).toBe('3/3');
  });

  it('importing the same file again sends nothing; a changed value is a correction with a note', async () => {
    const { api, sent, store } = fakeServer();
    await runImport(
      await previewImport(grid, { metrics, departments, rules }, coordinator, api),
      api,
      'zh-CN',
      {
        correctionNote: '历史数据导入',
      },
    );
    sent.length = 0;
    const again = await previewImport(grid, { metrics, departments, rules }, coordinator, api);
    expect(again.summary).toMatchObject({ new: 0, changed: 0, unchanged: 3 });
    const outcome = await runImport(again, api, 'zh-CN', { correctionNote: '历史数据导入' });
    expect(sent).toEqual([]);
    expect(outcome).toMatchObject({ created: 0, revised: 0, unchanged: 3 });

    const edited = grid.map((row) => [...row]);
    (edited[2] as (string | number | null)[])[2] = 5;
    const preview = await previewImport(edited, { metrics, departments, rules }, coordinator, api);
    expect(preview.summary).toMatchObject({ changed: 1, unchanged: 2 });
    await runImport(preview, api, 'zh-CN', { correctionNote: '历史数据导入' });
    expect(store.get('judicial-office|2019-01')).toMatchObject({
      version: 2,
      note: '历史数据导入',
      values: { lectures: 5 },
    });
  });

  it('a month the server refuses (locked) is reported on its row and the others still go in', async () => {
    const { api } = fakeServer(['2019-02']);
    const preview = await previewImport(grid, { metrics, departments, rules }, coordinator, api);
    const outcome = await runImport(preview, api, 'zh-CN', { correctionNote: 'x' });
    expect(outcome).toMatchObject({ created: 2, failed: 4 });
    expect(outcome.problems).toEqual([{ row: 4, message: '2019-02 已锁定。' }]);
  });

  it('a file without the header row says what the header must be', async () => {
    const { api } = fakeServer();
    const preview = await previewImport(
      [
        ['a', 'b'],
        [1, 2],
      ],
      { metrics, departments, rules },
      coordinator,
      api,
    );
    expect(preview.items).toEqual([]);
    expect(preview.problems[0]?.message['zh-CN']).toContain('找不到表头行');
  });
});
