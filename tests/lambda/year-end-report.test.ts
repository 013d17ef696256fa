import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reconcileCounters } from '../../shared/src/use-cases/reconcile-counters';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let coordinator: string;

beforeAll(async () => {
  stack = await startTestStack({ seedDemo: true });
  coordinator = await stack.token({ role: 'coordinator', sub: 'wang.fang', name: '王芳' });
}, 120_000);
afterAll(() => stack.stop());

/** The figures as the office's own report states them (../shared/reference/). */
const reference = readFileSync(
  join(__dirname, '../../../shared/reference/zhangmiao-2020-rule-of-law-report.zh.txt'),
  'utf8',
);

describe('year-end report on the demo data', () => {
  it('writes a paragraph whose every figure is the reference report’s', async () => {
    const res = await stack.api('GET', '/api/reports/year-end?from=2019-07&to=2020-12&lang=zh-CN', {
      token: coordinator,
    });
    expect(res.status).toBe(200);
    const text: string = res.body.text;
    // Each phrase, with its figure, appears in the reference report as well as in ours.
    const phrases = [
      '累计开展各类法律咨询11场',
      '法治讲座35场',
      '律师共参与居民区纠纷调解51件',
      '接待法律咨询1136件',
      '受理政府信息公开申请5件',
      '已答复5件',
      '其中同意公开5件',
      '同意公开率100%',
      '主动公开各类公文政府信息32条',
      '学习实践活动7次',
      '应诉行政诉讼案件6起',
    ];
    for (const phrase of phrases) {
      expect(reference).toContain(phrase);
      expect(text).toContain(phrase);
    }
    // The report says "2459余份"; ours states the exact count.
    expect(reference).toContain('发放法治宣传资料2459');
    expect(text).toContain('发放法治宣传资料2459份');
    expect(text.startsWith('2019年7月至2020年12月，')).toBe(true);
  });

  it('returns rows with names and units, and the rate computed from them', async () => {
    const res = await stack.api('GET', '/api/reports/year-end?from=2019-07&to=2020-12', {
      token: coordinator,
    });
    const rows = Object.fromEntries(
      res.body.rows.map((r: { metricId: string; total: number; unit: string }) => [
        r.metricId,
        [r.total, r.unit],
      ]),
    );
    expect(rows).toMatchObject({
      consultations: [1136, '件'],
      'consult-events': [11, '场'],
      lectures: [35, '场'],
      materials: [2459, '份'],
      mediations: [51, '件'],
      'info-disclosed': [32, '条'],
      'disclosure-requests': [5, '件'],
      'disclosure-answered': [5, '件'],
      'disclosure-approved': [5, '件'],
      'study-sessions': [7, '次'],
      lawsuits: [6, '起'],
    });
    expect(res.body.rates).toEqual([{ rateId: 'disclosure-approval-rate', name: '同意公开率', value: 1 }]);
  });

  it('recomputes the rate when a figure changes (never hard-coded)', async () => {
    const year2021 = await stack.api('PUT', '/api/submissions/street-office/2021-01', {
      token: coordinator,
      body: {
        values: {
          'info-disclosed': 2,
          'disclosure-requests': 3,
          'disclosure-answered': 3,
          'disclosure-approved': 2,
          'study-sessions': 0,
        },
      },
    });
    expect(year2021.status).toBe(201);
    const res = await stack.api('GET', '/api/reports/year-end?from=2019-07&to=2021-01', {
      token: coordinator,
    });
    expect(res.body.text).toContain('受理政府信息公开申请8件，已答复8件，其中同意公开7件，同意公开率87.5%');
  });

  it('speaks English when asked', async () => {
    const res = await stack.api('GET', '/api/reports/year-end?from=2019-07&to=2020-12&lang=en', {
      token: coordinator,
    });
    expect(res.body.text).toMatch(/^From July 2019 to December 2020, 11 legal consultation events were held/);
    expect(res.body.text).toContain('1136 legal consultations received');
    expect(res.body.text).toContain('an approval rate of 100%');
    expect(res.body.rows.find((r: { metricId: string }) => r.metricId === 'lawsuits')).toEqual({
      metricId: 'lawsuits',
      name: 'Administrative lawsuits',
      unit: 'cases',
      total: 6,
    });
  });

  it('has the demo counters exactly equal to the demo revisions, with late months and corrections', async () => {
    expect((await reconcileCounters(stack.deps, { repair: false })).drift).toEqual([]);
    const late = await stack.api('GET', '/api/completeness?period=2020-01', { token: coordinator });
    expect(
      late.body.departments.find((d: { departmentId: string }) => d.departmentId === 'res-tonghe-2').status,
    ).toBe('late');
    const history = await stack.api('GET', '/api/submissions/legal-service-station/2020-06/history', {
      token: coordinator,
    });
    expect(history.body.revisions).toHaveLength(2);
    expect(history.body.revisions[1].note).toContain('更正');
  });

  it('groups the demo totals by department and by month', async () => {
    const byDept = await stack.api(
      'GET',
      '/api/aggregates?from=2019-07&to=2020-12&departmentId=zhangmiao&groupBy=department',
      { token: coordinator },
    );
    const residential = byDept.body.groups.find((g: { key: string }) => g.key === 'residential');
    expect(residential.totals.mediations).toBe(51);
    expect(residential.completeness).toEqual({ expected: 54, received: 54 });
    const byMonth = await stack.api('GET', '/api/aggregates?from=2019-07&to=2020-12&groupBy=month', {
      token: coordinator,
    });
    expect(byMonth.body.groups).toHaveLength(18);
    const sum = byMonth.body.groups.reduce(
      (n: number, g: { totals: { consultations: number } }) => n + g.totals.consultations,
      0,
    );
    expect(sum).toBe(1136);
  });
});
