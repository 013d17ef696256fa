import { seedSmallCatalog, startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let admin: string;

beforeAll(async () => {
  stack = await startTestStack();
  ({ admin } = await seedSmallCatalog(stack));
  const submissions: [string, string, Record<string, number>][] = [
    ['office', '2023-01', { requests: 5, answered: 4 }],
    ['office', '2023-02', { requests: 7, answered: 7 }],
    ['judicial', '2023-01', { lectures: 2 }],
    ['area-one', '2023-02', { lectures: 3 }],
  ];
  for (const [dept, period, values] of submissions) {
    const res = await stack.api('PUT', `/api/submissions/${dept}/${period}`, {
      token: admin,
      body: { values },
    });
    expect(res.status).toBe(201);
  }
});
afterAll(() => stack.stop());

const batch = (queries: unknown[], token = admin) =>
  stack.api('POST', '/api/aggregates/batch', { token, body: { queries } });

describe('POST /api/aggregates/batch', () => {
  it('answers each query in order with the same figures as /api/aggregates', async () => {
    const queries = [
      { from: '2023-01', to: '2023-02' },
      { from: '2023-02', to: '2023-02', departmentId: 'office' },
      { from: '2023-01', to: '2023-01', departmentId: 'area' },
      { from: '2023-01', to: '2023-03', departmentId: 'street' },
      { from: '2023-01', to: '2023-01', departmentId: 'judicial' },
    ];
    const res = await batch(queries);
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(queries.length);
    for (const [i, q] of queries.entries()) {
      const params = new URLSearchParams(q as Record<string, string>);
      const single = await stack.api('GET', `/api/aggregates?${params}`, { token: admin });
      expect(res.body.results[i]).toEqual({
        totals: single.body.totals,
        completeness: single.body.completeness,
      });
    }
    expect(res.body.results[1].totals).toEqual({ requests: 7, answered: 7, lectures: 0 });
    expect(res.body.results[3].completeness).toEqual({ expected: 9, received: 4 });
  });

  it('narrows totals to one metric when metricId is given', async () => {
    const res = await batch([{ from: '2023-01', to: '2023-02', metricId: 'lectures' }]);
    expect(res.body.results[0]).toEqual({
      totals: { lectures: 5 },
      completeness: { expected: 6, received: 4 },
    });
  });

  it('fails a bad query alone, as a problem object in its place', async () => {
    const res = await batch([
      { from: '2023-01', to: '2023-01', departmentId: 'office' },
      { from: '2023-13', to: '2023-01' },
      { from: '2023-03', to: '2023-01' },
      { from: '2023-01', to: '2023-01', departmentId: 'nowhere' },
      { from: '2023-01', to: '2023-01', metricId: 'no-such-metric' },
      { from: '2023-01', to: '2023-01', groupBy: 'month' },
      'not an object',
      { from: '2023-01', to: '2023-01', asOf: 'soon' },
      { from: '2023-01', to: '2023-01', departmentId: 'judicial' },
    ]);
    expect(res.status).toBe(200);
    const r = res.body.results;
    expect(r[0].totals.requests).toBe(5);
    const problem = (i: number) => [r[i].error.status, r[i].error.type];
    expect(problem(1)).toEqual([400, '/problems/invalid-request']);
    expect(r[1].error.errors[0].field).toBe('from');
    expect(problem(2)).toEqual([400, '/problems/invalid-request']);
    expect(problem(3)).toEqual([404, '/problems/department-not-found']);
    expect(problem(4)).toEqual([400, '/problems/invalid-request']);
    expect(r[4].error.errors[0].field).toBe('metricId');
    expect(problem(5)).toEqual([400, '/problems/invalid-request']);
    expect(problem(6)).toEqual([400, '/problems/invalid-request']);
    expect(problem(7)).toEqual([400, '/problems/invalid-request']);
    expect(r[7].error.errors[0].field).toBe('asOf');
    expect(r[8].totals.lectures).toBe(2);
    for (const i of [1, 2, 3, 4, 5, 6, 7]) expect(r[i].error.title).toBeTruthy();
  });

  it('gives problem texts in the caller’s language', async () => {
    const res = await stack.api('POST', '/api/aggregates/batch?lang=en', {
      token: admin,
      body: { queries: [{ from: 'x', to: '2023-01' }] },
    });
    expect(res.body.results[0].error.title).toBe('Invalid request');
    const zh = await batch([{ from: 'x', to: '2023-01' }]);
    expect(zh.body.results[0].error.title).toBe('请求有误');
  });

  it('answers asOf queries from the history', async () => {
    const res = await batch([
      { from: '2023-01', to: '2023-02', asOf: '2000-01-01T00:00:00Z' },
      { from: '2023-01', to: '2023-02' },
    ]);
    expect(res.body.results[0]).toEqual({
      totals: { requests: 0, answered: 0, lectures: 0 },
      completeness: { expected: 6, received: 0 },
    });
    expect(res.body.results[1].totals.requests).toBe(12);
  });

  it('applies the aggregates’ access rules per query: a clerk gets 403 for other departments only', async () => {
    const clerk = await stack.token({ role: 'clerk', departmentId: 'office' });
    const res = await batch(
      [
        { from: '2023-01', to: '2023-02' },
        { from: '2023-01', to: '2023-02', departmentId: 'judicial' },
        { from: '2023-01', to: '2023-02', departmentId: 'street' },
      ],
      clerk,
    );
    expect(res.status).toBe(200);
    expect(res.body.results[0].totals).toEqual({ requests: 12, answered: 11, lectures: 0 });
    expect(res.body.results[1].error.type).toBe('/problems/forbidden');
    expect(res.body.results[2].error.type).toBe('/problems/forbidden');
    const scoped = await stack.token({ role: 'coordinator', departmentId: 'area', sub: 'area-coord' });
    const scopedRes = await batch(
      [
        { from: '2023-02', to: '2023-02' },
        { from: '2023-02', to: '2023-02', departmentId: 'office' },
      ],
      scoped,
    );
    expect(scopedRes.body.results[0].totals.lectures).toBe(3);
    expect(scopedRes.body.results[1].error.status).toBe(403);
  });

  it('takes 200 queries and refuses 201 with 400', async () => {
    const q = { from: '2023-01', to: '2023-01', departmentId: 'office', metricId: 'requests' };
    const ok = await batch(Array.from({ length: 200 }, () => q));
    expect(ok.status).toBe(200);
    expect(ok.body.results).toHaveLength(200);
    expect(ok.body.results.every((r: { totals: { requests: number } }) => r.totals.requests === 5)).toBe(
      true,
    );
    const tooMany = await batch(Array.from({ length: 201 }, () => q));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.type).toBe('/problems/invalid-request');
    expect(tooMany.body.errors[0].field).toBe('queries');
  });

  it('refuses a body without queries, and a caller without a token', async () => {
    expect((await stack.api('POST', '/api/aggregates/batch', { token: admin, body: {} })).status).toBe(400);
    expect(
      (await stack.api('POST', '/api/aggregates/batch', { token: admin, body: { queries: [], extra: 1 } }))
        .status,
    ).toBe(400);
    expect((await batch([])).body).toEqual({ results: [] });
    expect((await stack.api('POST', '/api/aggregates/batch', { body: { queries: [] } })).status).toBe(401);
  });
});
