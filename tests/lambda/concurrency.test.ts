import { reconcileCounters } from '../../shared/src/use-cases/reconcile-counters';
import { seedSmallCatalog, startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let admin: string;

beforeAll(async () => {
  stack = await startTestStack();
  ({ admin } = await seedSmallCatalog(stack));
});
afterAll(() => stack.stop());

async function sumOfCurrent(period: string): Promise<Record<string, number>> {
  const { body } = await stack.api('GET', `/api/submissions?period=${period}`, { token: admin });
  const sum: Record<string, number> = {};
  for (const s of body.submissions as { values: Record<string, number> }[]) {
    for (const [k, v] of Object.entries(s.values)) sum[k] = (sum[k] ?? 0) + v;
  }
  return sum;
}

describe('concurrent writers', () => {
  it('never lose an update: 24 parallel writers revising overlapping department-months', async () => {
    const targets = [
      ['office', '2022-01'],
      ['office', '2022-02'],
      ['judicial', '2022-01'],
      ['area-one', '2022-01'],
    ] as const;
    const writes = Array.from({ length: 24 }, (_, i) => {
      const [dept, period] = targets[i % targets.length] as (typeof targets)[number];
      const values = dept === 'office' ? { requests: 10 + i, answered: i % 5 } : { lectures: i };
      return stack.api('PUT', `/api/submissions/${dept}/${period}`, {
        token: admin,
        body: { values, note: `writer ${i}` },
      });
    });
    const results = await Promise.all(writes);
    expect(results.map((r) => r.status).filter((s) => s !== 200 && s !== 201)).toEqual([]);
    for (const period of ['2022-01', '2022-02']) {
      const agg = await stack.api('GET', `/api/aggregates?from=${period}&to=${period}`, { token: admin });
      const expected = await sumOfCurrent(period);
      for (const [metric, total] of Object.entries(expected)) expect(agg.body.totals[metric]).toBe(total);
    }
    // every accepted write left one revision; versions are gap-free
    const history = await stack.api('GET', '/api/submissions/office/2022-01/history', { token: admin });
    const versions = history.body.revisions.map((r: { version: number }) => r.version);
    expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
    expect(versions.length).toBe(6);
    expect((await reconcileCounters(stack.deps, { repair: false })).drift).toEqual([]);
  });

  it('the same PUT sent 10 times at once yields one revision and counts once', async () => {
    const body = { values: { requests: 7, answered: 7 } };
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        stack.api('PUT', '/api/submissions/office/2022-03', { token: admin, body }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(9);
    expect(new Set(results.map((r) => r.body.version))).toEqual(new Set([1]));
    const history = await stack.api('GET', '/api/submissions/office/2022-03/history', { token: admin });
    expect(history.body.revisions).toHaveLength(1);
    const agg = await stack.api('GET', '/api/aggregates?from=2022-03&to=2022-03', { token: admin });
    expect(agg.body.totals.requests).toBe(7);
    expect(agg.body.completeness.received).toBe(1);
  });

  it('a lock racing submissions: nothing lands in the locked month after the lock answers', async () => {
    const period = '2022-04';
    const submissions = Array.from({ length: 12 }, (_, i) =>
      stack.api('PUT', `/api/submissions/${i % 2 ? 'office' : 'judicial'}/${period}`, {
        token: admin,
        body: { values: i % 2 ? { requests: i, answered: 0 } : { lectures: i }, note: `n${i}` },
      }),
    );
    const lock = stack.api('PUT', `/api/periods/${period}/lock`, { token: admin });
    const [lockRes, ...subs] = await Promise.all([lock, ...submissions]);
    expect(lockRes.status).toBe(200);
    expect(subs.map((s) => s.status).every((s) => [200, 201, 409].includes(s))).toBe(true);
    // Every accepted write (all notes differ, so none is an unchanged retry) left exactly one
    // revision, and every 409 left none: the lock and the writes were serialised.
    let revisions = 0;
    for (const dept of ['office', 'judicial']) {
      const h = await stack.api('GET', `/api/submissions/${dept}/${period}/history`, { token: admin });
      revisions += h.status === 200 ? h.body.revisions.length : 0;
    }
    expect(revisions).toBe(subs.filter((s) => s.status < 300).length);
    const after = await stack.api('PUT', `/api/submissions/office/${period}`, {
      token: admin,
      body: { values: { requests: 99, answered: 0 }, note: 'late' },
    });
    expect(after.status).toBe(409);
    expect((await reconcileCounters(stack.deps, { repair: false })).drift).toEqual([]);
    const agg = await stack.api('GET', `/api/aggregates?from=${period}&to=${period}`, { token: admin });
    const expected = await sumOfCurrent(period);
    expect(agg.body.totals.requests).toBe(expected.requests ?? 0);
    expect(agg.body.totals.lectures).toBe(expected.lectures ?? 0);
  });
});
