import { seedSmallCatalog, startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let admin: string;

beforeAll(async () => {
  stack = await startTestStack();
  ({ admin } = await seedSmallCatalog(stack));
});
afterAll(() => stack.stop());

describe('GET/PUT /api/calendar/{year}', () => {
  it('shows an official year from the packaged data', async () => {
    const clerk = await stack.token({ role: 'clerk', departmentId: 'office' });
    const res = await stack.api('GET', '/api/calendar/2025', { token: clerk });
    expect(res.status).toBe(200);
    expect(res.body.source).toBe('official');
    expect(res.body.workdays).toContain('2025-10-11');
  });

  it('warns in health about a year without official data until a coordinator sets it', async () => {
    stack.clock.at = new Date('2026-11-20T10:00:00+08:00');
    const before = await stack.api('GET', '/api/health');
    expect(before.status).toBe(200);
    expect(before.body.calendarFallbackYears).toEqual([2027]);
    expect(before.body.warnings[0]).toContain('2027 年');
    const en = await stack.api('GET', '/api/health?lang=en');
    expect(en.body.warnings[0]).toContain('No official holiday arrangement is known for 2027');
    expect((await stack.api('GET', '/api/calendar/2027', { token: admin })).body.source).toBe('fallback');

    const put = await stack.api('PUT', '/api/calendar/2027', {
      token: admin,
      body: {
        holidays: ['2027-01-01', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'],
        workdays: ['2027-02-20'],
      },
    });
    expect(put.status).toBe(201);
    expect(put.body).toEqual({
      year: 2027,
      source: 'override',
      holidays: ['2027-01-01', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'],
      workdays: ['2027-02-20'],
    });
    const after = await stack.api('GET', '/api/health');
    expect(after.body).toEqual({ status: 'ok' });
    expect((await stack.api('GET', '/api/calendar/2027', { token: admin })).body.source).toBe('override');
    stack.clock.at = null;
  });

  it('moves due dates at once, in periods, completeness, submissions and the late flag', async () => {
    stack.clock.at = new Date('2027-01-20T10:00:00+08:00');
    // Override for 2027 above: 5–11 February partly off, Saturday 20 February a working day.
    // January 2027's due date: working days from 1 Feb: 1,2,3,4 then 12 (Fri) = 5th.
    expect((await stack.api('GET', '/api/periods/2027-01', { token: admin })).body.dueDate).toBe(
      '2027-02-12',
    );
    await stack.api('PUT', '/api/calendar/2027', { token: admin, body: { holidays: [], workdays: [] } });
    expect((await stack.api('GET', '/api/periods/2027-01', { token: admin })).body.dueDate).toBe(
      '2027-02-05',
    );
    expect((await stack.api('GET', '/api/completeness?period=2027-01', { token: admin })).body.dueDate).toBe(
      '2027-02-05',
    );
    // A submission on 8 February is late under this arrangement…
    stack.clock.at = new Date('2027-02-08T10:00:00+08:00');
    const late = await stack.api('PUT', '/api/submissions/judicial/2027-01', {
      token: admin,
      body: { values: { lectures: 1 } },
    });
    expect(late.body).toMatchObject({ late: true, dueDate: '2027-02-05' });
    // …and on time for another department once the holiday is entered.
    await stack.api('PUT', '/api/calendar/2027', {
      token: admin,
      body: { holidays: ['2027-02-05', '2027-02-08'], workdays: [] },
    });
    const onTime = await stack.api('PUT', '/api/submissions/area-one/2027-01', {
      token: admin,
      body: { values: { lectures: 1 } },
    });
    expect(onTime.body).toMatchObject({ late: false, dueDate: '2027-02-09' });
    const list = await stack.api('GET', '/api/submissions?period=2027-01', { token: admin });
    expect(list.body.submissions.map((s: { dueDate: string }) => s.dueDate)).toEqual([
      '2027-02-09',
      '2027-02-09',
    ]);
    stack.clock.at = null;
  });

  it('refuses bad years and bad arrangements with 400 and keeps the stored one', async () => {
    const bad = [
      ['/api/calendar/27', { holidays: [], workdays: [] }],
      ['/api/calendar/2027', { holidays: ['2027-13-01'], workdays: [] }],
      ['/api/calendar/2027', { holidays: [], workdays: ['2027-02-10'] }],
      ['/api/calendar/2027', { holidays: [] }],
    ] as const;
    for (const [path, body] of bad) {
      const res = await stack.api('PUT', path, { token: admin, body });
      expect(res.status).toBe(400);
      expect(res.body.type).toBe('/problems/invalid-request');
    }
    expect((await stack.api('GET', '/api/calendar/2027', { token: admin })).body.holidays).toEqual([
      '2027-02-05',
      '2027-02-08',
    ]);
  });

  it('lets only an unscoped coordinator change it', async () => {
    const body = { holidays: [], workdays: [] };
    const scoped = await stack.token({ role: 'coordinator', departmentId: 'area' });
    const clerk = await stack.token({ role: 'clerk', departmentId: 'office' });
    expect((await stack.api('PUT', '/api/calendar/2028', { token: scoped, body })).status).toBe(403);
    expect((await stack.api('PUT', '/api/calendar/2028', { token: clerk, body })).status).toBe(403);
    expect((await stack.api('PUT', '/api/calendar/2028', { body })).status).toBe(401);
    expect((await stack.api('GET', '/api/calendar/2028', { token: scoped })).body.source).toBe('fallback');
  });
});
