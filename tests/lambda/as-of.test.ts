import { seedSmallCatalog, startTestStack, type TestStack } from '../helpers/stack';

/**
 * A known edit history (the clock pinned at each write), then the figures asked "as of" moments in
 * between: what a coordinator would have seen then.
 */
let stack: TestStack;
let admin: string;

const T1 = '2023-02-03T02:00:00.000Z'; // office and judicial report January on time
const T2 = '2023-02-20T02:00:00.000Z'; // office corrects January (after the due date, with a note)
const T3 = '2023-03-02T02:00:00.000Z'; // area-one reports January late; judicial reports February
const T4 = '2023-03-15T02:00:00.000Z'; // office corrects January again
const later = (iso: string, minutes = 60) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

async function submitAt(
  at: string,
  dept: string,
  period: string,
  values: Record<string, number>,
  note?: string,
) {
  stack.clock.at = new Date(at);
  const res = await stack.api('PUT', `/api/submissions/${dept}/${period}`, {
    token: admin,
    body: { values, note },
  });
  if (res.status >= 300) throw new Error(`${dept} ${period}: ${res.status} ${JSON.stringify(res.body)}`);
}

beforeAll(async () => {
  stack = await startTestStack();
  ({ admin } = await seedSmallCatalog(stack));
  await submitAt(T1, 'office', '2023-01', { requests: 10, answered: 8 });
  await submitAt(T1, 'judicial', '2023-01', { lectures: 4 });
  await submitAt(T2, 'office', '2023-01', { requests: 12, answered: 9 }, '漏报两件申请');
  await submitAt(T3, 'area-one', '2023-01', { lectures: 2 });
  await submitAt(T3, 'judicial', '2023-02', { lectures: 1 });
  await submitAt(T4, 'office', '2023-01', { requests: 13, answered: 9 }, '再次更正：补录一件');
  stack.clock.at = new Date('2023-04-01T02:00:00.000Z');
});
afterAll(() => stack.stop());

const aggregate = (query: string, token = admin) => stack.api('GET', `/api/aggregates?${query}`, { token });

describe('GET /api/aggregates?asOf=', () => {
  it.each([
    ['before anything was reported', later(T1, -60), { requests: 0, answered: 0, lectures: 0 }, 0],
    ['after the first reports', later(T1), { requests: 10, answered: 8, lectures: 4 }, 2],
    [
      'at the very instant of the first correction (inclusive)',
      T2,
      { requests: 12, answered: 9, lectures: 4 },
      2,
    ],
    ['after the late report', later(T3), { requests: 12, answered: 9, lectures: 6 }, 3],
    ['after the second correction', later(T4), { requests: 13, answered: 9, lectures: 6 }, 3],
  ])('gives the totals as they stood %s', async (_when, asOf, totals, received) => {
    const res = await aggregate(`from=2023-01&to=2023-01&asOf=${encodeURIComponent(asOf)}`);
    expect(res.status).toBe(200);
    expect(res.body.totals).toEqual(totals);
    expect(res.body.completeness).toEqual({ expected: 3, received });
    expect(res.body.asOf).toBe(new Date(asOf).toISOString());
  });

  it('agrees with the live counters when asOf is now', async () => {
    const live = await aggregate('from=2023-01&to=2023-02&groupBy=department');
    const asOfNow = await aggregate(
      `from=2023-01&to=2023-02&groupBy=department&asOf=${encodeURIComponent(later(T4))}`,
    );
    expect(asOfNow.body.totals).toEqual(live.body.totals);
    expect(asOfNow.body.groups).toEqual(live.body.groups);
    expect(asOfNow.body.completeness).toEqual(live.body.completeness);
    expect(live.body.asOf).toBeUndefined();
  });

  it('groups by department and by month as they stood', async () => {
    const byDept = await aggregate(
      `from=2023-01&to=2023-01&departmentId=street&groupBy=department&asOf=${encodeURIComponent(later(T2))}`,
    );
    const groups = Object.fromEntries(
      byDept.body.groups.map((g: { key: string; totals: object }) => [g.key, g.totals]),
    );
    expect(groups).toEqual({
      area: { requests: 0, answered: 0, lectures: 0 },
      judicial: { requests: 0, answered: 0, lectures: 4 },
      office: { requests: 12, answered: 9, lectures: 0 },
    });
    const byMonth = await aggregate(
      `from=2023-01&to=2023-03&groupBy=month&asOf=${encodeURIComponent(later(T3))}`,
    );
    expect(
      byMonth.body.groups.map((g: { key: string; totals: { lectures: number } }) => [
        g.key,
        g.totals.lectures,
      ]),
    ).toEqual([
      ['2023-01', 6],
      ['2023-02', 1],
      ['2023-03', 0],
    ]);
  });

  it('limits a clerk to their own department, as the live figures do', async () => {
    const clerk = await stack.token({ role: 'clerk', departmentId: 'office' });
    const own = await aggregate(`from=2023-01&to=2023-01&asOf=${encodeURIComponent(later(T1))}`, clerk);
    expect(own.body.departmentId).toBe('office');
    expect(own.body.totals).toEqual({ requests: 10, answered: 8, lectures: 0 });
    const other = await aggregate(
      `from=2023-01&to=2023-01&departmentId=judicial&asOf=${encodeURIComponent(later(T1))}`,
      clerk,
    );
    expect(other.status).toBe(403);
  });

  it('refuses a malformed asOf with 400 naming the field', async () => {
    const res = await aggregate('from=2023-01&to=2023-01&asOf=yesterday');
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('/problems/invalid-request');
    expect(res.body.errors[0].field).toBe('asOf');
  });
});

describe('GET /api/reports/year-end?asOf=', () => {
  it('writes the report with the figures as reported at the time', async () => {
    const res = await stack.api(
      'GET',
      `/api/reports/year-end?from=2023-01&to=2023-01&asOf=${encodeURIComponent(later(T1))}`,
      {
        token: admin,
      },
    );
    expect(res.status).toBe(200);
    const totals = Object.fromEntries(
      res.body.rows.map((r: { metricId: string; total: number }) => [r.metricId, r.total]),
    );
    expect(totals).toEqual({ requests: 10, answered: 8, lectures: 4 });
    expect(res.body.text).toContain('受理申请10件');
    expect(res.body.comparison).toBeUndefined();
  });

  it('compares as reported with as corrected, with the difference and the correction notes', async () => {
    const res = await stack.api(
      'GET',
      `/api/reports/year-end?from=2023-01&to=2023-02&asOf=${encodeURIComponent(later(T2))}&compareAsOf=now`,
      { token: admin },
    );
    expect(res.status).toBe(200);
    const { comparison } = res.body;
    expect(comparison.asOf).toBe(later(T2));
    const rows = Object.fromEntries(
      comparison.rows.map(
        (r: { metricId: string; reported: number; corrected: number; difference: number }) => [
          r.metricId,
          [r.reported, r.corrected, r.difference],
        ],
      ),
    );
    expect(rows).toEqual({ requests: [12, 13, 1], answered: [9, 9, 0], lectures: [4, 7, 3] });
    expect(comparison.text).toContain('受理申请13件');
    expect(res.body.text).toContain('受理申请12件');
    expect(
      comparison.changes.map(
        (c: {
          departmentId: string;
          period: string;
          kind: string;
          note: string | null;
          differences: object;
        }) => [c.departmentId, c.period, c.kind, c.note, c.differences],
      ),
    ).toEqual([
      ['area-one', '2023-01', 'first-submission', null, { lectures: 2 }],
      ['judicial', '2023-02', 'first-submission', null, { lectures: 1 }],
      ['office', '2023-01', 'correction', '再次更正：补录一件', { requests: 1 }],
    ]);
    expect(comparison.changes[2].departmentName).toBe('办公室');
  });

  it('compares two past moments: only the revisions in between are listed', async () => {
    const res = await stack.api(
      'GET',
      `/api/reports/year-end?from=2023-01&to=2023-01&asOf=${encodeURIComponent(later(T1))}&compareAsOf=${encodeURIComponent(later(T2))}&lang=en`,
      { token: admin },
    );
    expect(res.status).toBe(200);
    expect(res.body.comparison.changes).toEqual([
      expect.objectContaining({
        departmentId: 'office',
        version: 2,
        kind: 'correction',
        note: '漏报两件申请',
        differences: { requests: 2, answered: 1 },
      }),
    ]);
    expect(res.body.comparison.rows).toContainEqual(
      expect.objectContaining({ metricId: 'requests', name: 'Requests', unit: 'cases' }),
    );
  });

  it('refuses compareAsOf without asOf, or before it', async () => {
    const without = await stack.api('GET', '/api/reports/year-end?from=2023-01&to=2023-01&compareAsOf=now', {
      token: admin,
    });
    expect(without.status).toBe(400);
    const backwards = await stack.api(
      'GET',
      `/api/reports/year-end?from=2023-01&to=2023-01&asOf=${encodeURIComponent(later(T2))}&compareAsOf=${encodeURIComponent(later(T1))}`,
      { token: admin },
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors[0].field).toBe('compareAsOf');
  });
});
