import { reconcileCounters } from '../../shared/src/use-cases/reconcile-counters';
import { seedSmallCatalog, startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let admin: string;
const name = (zh: string, en: string) => ({ 'zh-CN': zh, en });

beforeAll(async () => {
  stack = await startTestStack();
  ({ admin } = await seedSmallCatalog(stack));
});
afterAll(() => stack.stop());

const total = async (departmentId: string, metric: string) =>
  (
    await stack.api('GET', `/api/aggregates?from=2024-01&to=2024-02&departmentId=${departmentId}`, {
      token: admin,
    })
  ).body.totals[metric];

describe('catalogue', () => {
  it('creates (201) then replaces (200) a metric and lists it', async () => {
    const body = { name: name('调解', 'Mediations'), unit: name('件', 'cases') };
    expect((await stack.api('PUT', '/api/metrics/mediations', { token: admin, body })).status).toBe(201);
    expect((await stack.api('PUT', '/api/metrics/mediations', { token: admin, body })).status).toBe(200);
    const list = await stack.api('GET', '/api/metrics', { token: admin });
    expect(list.body.metrics.find((m: { metricId: string }) => m.metricId === 'mediations')).toEqual({
      metricId: 'mediations',
      ...body,
    });
  });

  it.each([
    [
      'a bad id',
      '/api/departments/Bad_Id',
      { name: name('甲', 'A'), parentId: null, metrics: [], contacts: [] },
    ],
    [
      'an unknown metric',
      '/api/departments/x1',
      { name: name('甲', 'A'), parentId: null, metrics: ['nope'], contacts: [] },
    ],
    [
      'a missing parent',
      '/api/departments/x2',
      { name: name('甲', 'A'), parentId: 'ghost', metrics: [], contacts: [] },
    ],
    [
      'a cycle',
      '/api/departments/street',
      { name: name('街道', 'Street'), parentId: 'area-one', metrics: [], contacts: [] },
    ],
    [
      'itself as parent',
      '/api/departments/area',
      { name: name('片区', 'Area'), parentId: 'area', metrics: [], contacts: [] },
    ],
    [
      'a bad contact channel',
      '/api/departments/x3',
      { name: name('甲', 'A'), parentId: null, metrics: [], contacts: [{ channel: 'fax', address: '1' }] },
    ],
    [
      'an id of 65 characters',
      `/api/departments/${'a'.repeat(65)}`,
      { name: name('甲', 'A'), parentId: null, metrics: [], contacts: [] },
    ],
  ])('refuses a department with %s (400) and changes nothing', async (_n, path, body) => {
    const before = (await stack.api('GET', '/api/departments', { token: admin })).body;
    const res = await stack.api('PUT', path, { token: admin, body });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('/problems/invalid-request');
    expect((await stack.api('GET', '/api/departments', { token: admin })).body).toEqual(before);
  });

  it('refuses a rule on an unknown metric', async () => {
    const res = await stack.api('PUT', '/api/rules/bad', {
      token: admin,
      body: { left: 'ghost', op: '<=', right: 'requests', severity: 'error', message: name('甲', 'A') },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('left');
  });

  it('moving a department rebuilds the counters of the units it left and joined', async () => {
    await stack.api('PUT', '/api/submissions/judicial/2024-01', {
      token: admin,
      body: { values: { lectures: 5 } },
    });
    await stack.api('PUT', '/api/submissions/area-one/2024-01', {
      token: admin,
      body: { values: { lectures: 2 } },
    });
    await stack.api('PUT', '/api/submissions/area-one/2024-02', {
      token: admin,
      body: { values: { lectures: 1 } },
    });
    expect(await total('area', 'lectures')).toBe(3);
    expect(await total('street', 'lectures')).toBe(8);

    const move = await stack.api('PUT', '/api/departments/judicial', {
      token: admin,
      body: { name: name('司法所', 'Judicial'), parentId: 'area', metrics: ['lectures'], contacts: [] },
    });
    expect(move.status).toBe(200);
    expect(move.body.ancestors).toEqual(['street', 'area']);
    expect(await total('area', 'lectures')).toBe(8);
    expect(await total('street', 'lectures')).toBe(8);
    const agg = await stack.api('GET', '/api/aggregates?from=2024-01&to=2024-02&departmentId=area', {
      token: admin,
    });
    expect(agg.body.completeness).toEqual({ expected: 4, received: 3 });
    // a later submission follows the new tree
    await stack.api('PUT', '/api/submissions/judicial/2024-02', {
      token: admin,
      body: { values: { lectures: 4 } },
    });
    expect(await total('area', 'lectures')).toBe(12);
    expect((await reconcileCounters(stack.deps, { repair: false })).drift).toEqual([]);
  });

  it('reconcile reports drift and repairs it', async () => {
    const row = (await stack.deps.submissions.readCounters('street', '2024-01', '2024-01'))[0];
    expect(row).toBeDefined();
    await stack.deps.submissions.adjustCounter('street', '2024-01', { lectures: 100 }, 0, row?.writes ?? 0);
    const report = await reconcileCounters(stack.deps, { repair: false });
    expect(report.drift).toEqual([
      { unitId: 'street', period: '2024-01', field: 'lectures', stored: 107, expected: 7 },
    ]);
    const repaired = await reconcileCounters(stack.deps, { repair: true });
    expect(repaired.repaired).toBe(1);
    expect((await reconcileCounters(stack.deps, { repair: false })).drift).toEqual([]);
    expect(await total('street', 'lectures')).toBe(12);
  });
});
