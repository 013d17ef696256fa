import { reconcileCounters } from '../../shared/src/use-cases/reconcile-counters';
import { startTestStack, type TestStack } from '../helpers/stack';
import { checkWrites, describeLoad, type LoadTarget, runLoad, seedLoadCatalog } from './load-driver';

/**
 * Short form of the load proof (the long form is `npm run soak`): 50 clients for 10 s mixing
 * submissions, revisions with and without If-Match, reads, histories and aggregates on the real HTTP
 * stack. Figures are printed, not asserted (the machine is shared); correctness is asserted.
 */
const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 50);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 10);

let stack: TestStack;
let target: LoadTarget;

beforeAll(async () => {
  stack = await startTestStack();
  const admin = await stack.token({ role: 'coordinator', sub: 'admin' });
  const departments = await seedLoadCatalog(stack.url, admin, 40);
  const clerkTokens: Record<string, string> = {};
  for (const d of departments)
    clerkTokens[d.departmentId] = await stack.token({ role: 'clerk', departmentId: d.departmentId });
  target = {
    url: stack.url,
    coordinatorToken: admin,
    clerkTokens,
    departments,
    periods: ['2024-01', '2024-02', '2024-03'],
  };
});
afterAll(() => stack.stop());

describe('under load', () => {
  it(`serves ${CLIENTS} concurrent clients for ${SECONDS} s with no 5xx and no lost update, counters exact`, async () => {
    const report = await runLoad(target, {
      clients: CLIENTS,
      durationMs: SECONDS * 1000,
      minAcknowledged: 40,
    });
    process.stdout.write(`${describeLoad('load', CLIENTS, report)}\n`);

    expect(report.serverErrors).toBe(0);
    expect(report.networkErrors).toBe(0);
    const acked = report.writes.filter((w) => w.fate === 'acknowledged');
    // A floor of real writes, whatever the machine's speed (the driver keeps going until it is reached).
    expect(acked.length).toBeGreaterThanOrEqual(40);
    expect(report.writes.every((w) => w.fate !== 'unknown')).toBe(true);
    // Only the refusals a user can cause: a stale If-Match (412). Nothing else was refused.
    expect(
      report.writes
        .filter((w) => w.fate === 'rejected')
        .map((w) => w.status)
        .filter((s) => s !== 412),
    ).toEqual([]);

    const check = await checkWrites(target, report.writes);
    expect(check.lost).toEqual([]);
    expect(check.phantom).toEqual([]);
    expect(check.gaps).toEqual([]);
    expect(check.inconsistent).toEqual([]);
    // Every acknowledged write of a department-month is one revision: nothing was written twice.
    const history = await stack.api(
      'GET',
      `/api/submissions/${acked[0]?.departmentId}/${acked[0]?.period}/history`,
      {
        token: target.coordinatorToken,
      },
    );
    const sameKey = acked.filter(
      (w) => w.departmentId === acked[0]?.departmentId && w.period === acked[0]?.period,
    );
    expect(history.body.revisions).toHaveLength(sameKey.length);

    const agg = await stack.api('GET', '/api/aggregates?from=2024-01&to=2024-03', {
      token: target.coordinatorToken,
    });
    expect(agg.body.totals).toEqual(check.currentTotals);
    expect((await reconcileCounters(stack.deps, { repair: false })).drift).toEqual([]);
  }, 120_000);
});
