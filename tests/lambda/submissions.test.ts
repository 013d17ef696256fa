import { reconcileCounters } from '../../shared/src/use-cases/reconcile-counters';
import { seedSmallCatalog, startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let admin: string;
let clerk: string;

beforeAll(async () => {
  stack = await startTestStack();
  ({ admin } = await seedSmallCatalog(stack));
  clerk = await stack.token({ role: 'clerk', departmentId: 'office', sub: 'li.na', name: '李娜' });
});
afterAll(() => stack.stop());

async function totals(from: string, to: string, departmentId?: string) {
  const q = `/api/aggregates?from=${from}&to=${to}${departmentId ? `&departmentId=${departmentId}` : ''}`;
  return (await stack.api('GET', q, { token: admin })).body;
}

async function traceOf(departmentId: string, period: string) {
  const history = await stack.api('GET', `/api/submissions/${departmentId}/${period}/history`, {
    token: admin,
  });
  const agg = await totals(period, period);
  return {
    history: history.status === 200 ? history.body.revisions.length : 0,
    totals: agg.totals,
    received: agg.completeness.received,
  };
}

describe('PUT /api/submissions', () => {
  it('stores a first submission (201, version 1, ETag) and the totals move at once', async () => {
    const res = await stack.api('PUT', '/api/submissions/office/2021-03', {
      token: clerk,
      body: { values: { requests: 4, answered: 3 } },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toMatchObject({
      departmentId: 'office',
      period: '2021-03',
      version: 1,
      submittedBy: 'li.na',
      late: true,
    });
    const agg = await totals('2021-03', '2021-03');
    expect(agg.totals).toMatchObject({ requests: 4, answered: 3 });
    expect(agg.completeness).toEqual({ expected: 3, received: 1 });
  });

  it('keeps the version for an identical re-submission and counts it once', async () => {
    const again = await stack.api('PUT', '/api/submissions/office/2021-03', {
      token: clerk,
      body: { values: { requests: 4, answered: 3 } },
    });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(1);
    expect((await totals('2021-03', '2021-03')).totals.requests).toBe(4);
  });

  it('requires a reason for a correction after the due date and stores nothing without one', async () => {
    const before = await traceOf('office', '2021-03');
    const res = await stack.api('PUT', '/api/submissions/office/2021-03', {
      token: clerk,
      body: { values: { requests: 5, answered: 3 } },
    });
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('/problems/note-required');
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await traceOf('office', '2021-03')).toEqual(before);

    const fixed = await stack.api('PUT', '/api/submissions/office/2021-03', {
      token: clerk,
      body: { values: { requests: 5, answered: 3 }, note: '漏报一件' },
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body.version).toBe(2);
    expect(fixed.body.late).toBe(true);
    expect((await totals('2021-03', '2021-03')).totals.requests).toBe(5);
    const history = await stack.api('GET', '/api/submissions/office/2021-03/history', { token: clerk });
    expect(
      history.body.revisions.map((r: { version: number; note: string | null }) => [r.version, r.note]),
    ).toEqual([
      [1, null],
      [2, '漏报一件'],
    ]);
  });

  it('answers 412 to a stale If-Match and changes nothing', async () => {
    const before = await traceOf('office', '2021-03');
    const res = await stack.api('PUT', '/api/submissions/office/2021-03', {
      token: clerk,
      headers: { 'if-match': '"1"' },
      body: { values: { requests: 9, answered: 3 }, note: 'x' },
    });
    expect(res.status).toBe(412);
    expect(res.body.type).toBe('/problems/version-conflict');
    expect(await traceOf('office', '2021-03')).toEqual(before);
    const ok = await stack.api('PUT', '/api/submissions/office/2021-03', {
      token: clerk,
      headers: { 'if-match': '"2"' },
      body: { values: { requests: 9, answered: 3 }, note: '补录' },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('"3"');
  });

  it('refuses a broken error rule with 422 in zh-CN and keeps warnings apart', async () => {
    const before = await traceOf('office', '2021-04');
    const res = await stack.api('PUT', '/api/submissions/office/2021-04', {
      token: clerk,
      body: { values: { requests: 1, answered: 2 } },
    });
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('/problems/rule-violated');
    expect(res.body.errors[0]).toEqual({ field: 'values.answered', message: '答复数不能多于受理数。' });
    expect(await traceOf('office', '2021-04')).toEqual(before);
  });

  it.each([
    ['a negative value', { values: { requests: -1, answered: 0 } }],
    ['a fractional value', { values: { requests: 1.5, answered: 0 } }],
    ['a huge value', { values: { requests: 10_000_001, answered: 0 } }],
    ['a string value', { values: { requests: '3', answered: 0 } }],
    ['an unknown metric', { values: { requests: 1, answered: 0, bogus: 1 } }],
    ['a known metric not assigned', { values: { requests: 1, answered: 0, lectures: 1 } }],
    ['a missing metric', { values: { requests: 1 } }],
    ['no values at all', { note: 'x' }],
    ['an unknown field', { values: { requests: 1, answered: 0 }, extra: true }],
    ['an array body', [1, 2]],
  ])('refuses %s with 400 and stores nothing', async (_name, body) => {
    const before = await traceOf('office', '2021-05');
    const res = await stack.api('PUT', '/api/submissions/office/2021-05', { token: clerk, body });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('/problems/invalid-request');
    expect(res.body.errors.length).toBeGreaterThan(0);
    expect(await traceOf('office', '2021-05')).toEqual(before);
  });

  it('names every bad field in the error, in English when asked', async () => {
    const res = await stack.api('PUT', '/api/submissions/office/2021-05', {
      token: clerk,
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
      body: { values: { requests: -1, answered: 0.5 } },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'values.answered',
      'values.requests',
    ]);
    expect(res.body.errors[0].message).toMatch(/whole number/);
  });

  it.each([
    ['a malformed period', '/api/submissions/office/2021-13', 400],
    ['a period with a day', '/api/submissions/office/2021-03-01', 400],
    ['a future period', '/api/submissions/office/2999-01', 400],
    ['a month of the year 9999 (no next year on the calendar)', '/api/submissions/office/9999-11', 400],
    ['an unknown department', '/api/submissions/nowhere/2021-03', 404],
    ['an id with odd characters', '/api/submissions/Office%20..%2F/2021-03', 400],
  ])('refuses %s', async (_name, path, status) => {
    const res = await stack.api('PUT', path, {
      token: admin,
      body: { values: { requests: 1, answered: 0 } },
    });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses non-JSON, wrong content types and bodies over 64 KB, storing nothing', async () => {
    const before = await traceOf('office', '2021-06');
    const notJson = await stack.api('PUT', '/api/submissions/office/2021-06', {
      token: clerk,
      raw: '{"values": {',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    const wrongType = await stack.api('PUT', '/api/submissions/office/2021-06', {
      token: clerk,
      raw: JSON.stringify({ values: { requests: 1, answered: 0 } }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(wrongType.status).toBe(415);
    const huge = await stack.api('PUT', '/api/submissions/office/2021-06', {
      token: clerk,
      body: { values: { requests: 1, answered: 0 }, note: 'x'.repeat(70 * 1024) },
    });
    expect(huge.status).toBe(413);
    const enormous = await stack.api('PUT', '/api/submissions/office/2021-06', {
      token: clerk,
      raw: 'x'.repeat(3 * 1024 * 1024),
      headers: { 'content-type': 'application/json' },
    });
    expect(enormous.status).toBe(413);
    expect(await traceOf('office', '2021-06')).toEqual(before);
  });

  it('refuses a locked month with 409 until it is unlocked', async () => {
    expect((await stack.api('PUT', '/api/periods/2021-07/lock', { token: admin })).status).toBe(200);
    const period = await stack.api('GET', '/api/periods/2021-07', { token: clerk });
    expect(period.body).toMatchObject({ period: '2021-07', locked: true, dueDate: '2021-08-06' });
    expect(period.body.lock).toMatchObject({ unitId: null, lockedBy: 'admin', lockedByName: 'Test' });
    const before = await traceOf('office', '2021-07');
    const res = await stack.api('PUT', '/api/submissions/office/2021-07', {
      token: clerk,
      body: { values: { requests: 1, answered: 1 } },
    });
    expect(res.status).toBe(409);
    expect(res.body.type).toBe('/problems/period-locked');
    expect(res.body.detail).toContain('已锁定');
    expect(await traceOf('office', '2021-07')).toEqual(before);
    // even an identical re-send of an existing submission is refused while its month is locked
    await stack.api('PUT', '/api/periods/2021-03/lock', { token: admin });
    const current = (await stack.api('GET', '/api/submissions/office/2021-03', { token: clerk })).body;
    const resend = await stack.api('PUT', '/api/submissions/office/2021-03', {
      token: clerk,
      body: { values: current.values, note: current.note },
    });
    expect(resend.status).toBe(409);
    await stack.api('DELETE', '/api/periods/2021-03/lock', { token: admin });
    expect((await stack.api('DELETE', '/api/periods/2021-07/lock', { token: admin })).body.locked).toBe(
      false,
    );
    expect(
      (
        await stack.api('PUT', '/api/submissions/office/2021-07', {
          token: clerk,
          body: { values: { requests: 1, answered: 1 } },
        })
      ).status,
    ).toBe(201);
  });

  it('lists a month for a coordinator and only their own for a clerk', async () => {
    const judicial = await stack.token({ role: 'clerk', departmentId: 'judicial' });
    await stack.api('PUT', '/api/submissions/judicial/2021-03', {
      token: judicial,
      body: { values: { lectures: 2 } },
    });
    const all = await stack.api('GET', '/api/submissions?period=2021-03', { token: admin });
    expect(all.body.submissions.map((s: { departmentId: string }) => s.departmentId)).toEqual([
      'judicial',
      'office',
    ]);
    const own = await stack.api('GET', '/api/submissions?period=2021-03', { token: judicial });
    expect(own.body.submissions.map((s: { departmentId: string }) => s.departmentId)).toEqual(['judicial']);
  });

  it('reports completeness with due date, late and missing departments', async () => {
    const res = await stack.api('GET', '/api/completeness?period=2021-03', { token: admin });
    expect(res.body.dueDate).toBe('2021-04-08');
    expect(res.body.departments).toEqual([
      { departmentId: 'area-one', status: 'missing' },
      expect.objectContaining({ departmentId: 'judicial', status: 'late' }),
      expect.objectContaining({ departmentId: 'office', status: 'late' }),
    ]);
  });

  it('leaves counters equal to the sum of current revisions', async () => {
    const report = await reconcileCounters(stack.deps, { repair: false });
    expect(report.drift).toEqual([]);
    expect(report.rows).toBeGreaterThan(0);
  });
});
