/**
 * The LEGAL.* custom functions, called through their own code (functions.ts -> the shared engine ->
 * Excel error values) against the real local stack with the demo data, with every request counted:
 * a recalculation of 100 cells must be ONE batch request, and bad arguments, silence and expired
 * sign-ins must become Excel errors with a message, never a cell stuck in #BUSY!.
 */
import { completeness, registerFunctions, status, total, value } from '../../addin/src/functions/functions';
import { configureFunctions, refreshFigures } from '../../addin/src/functions/runtime';
import { type LocalStack, startLocalStack } from '../../lambda/src/local/server';

/** What Excel's runtime provides in the shared runtime: error values carrying a code and a message. */
class FakeExcelError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}
const registered = new Map<string, (...args: unknown[]) => unknown>();
(globalThis as Record<string, unknown>).CustomFunctions = {
  Error: FakeExcelError,
  ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' },
  associate: (id: string, fn: (...args: unknown[]) => unknown) => registered.set(id, fn),
};

let stack: LocalStack;
let coordinatorToken: string;
const requests: { method: string; path: string; body?: unknown }[] = [];

const countingFetch = (async (url: string, init?: RequestInit) => {
  const u = new URL(url);
  requests.push({
    method: init?.method ?? 'GET',
    path: u.pathname + u.search,
    body: init?.body ? JSON.parse(String(init.body)) : undefined,
  });
  return fetch(url, init);
}) as typeof fetch;

function withStack(options: { lang?: 'zh-CN' | 'en'; token?: () => string | null } = {}) {
  requests.length = 0;
  return configureFunctions({
    baseUrl: stack.url,
    fetchImpl: countingFetch,
    getToken: options.token ?? (() => coordinatorToken),
    getLang: () => options.lang ?? 'zh-CN',
  });
}

async function rejection(p: Promise<unknown>): Promise<FakeExcelError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof FakeExcelError) return error;
    throw error;
  }
  throw new Error('expected an Excel error');
}

async function api<T>(path: string): Promise<T> {
  const r = await fetch(`${stack.url}${path}`, { headers: { Authorization: `Bearer ${coordinatorToken}` } });
  return (await r.json()) as T;
}

beforeAll(async () => {
  stack = await startLocalStack({
    port: 0,
    dataDir: null,
    seedDemo: true,
    dynamoEndpoint: process.env.DYNAMODB_ENDPOINT,
    tableName: `addin-functions-${process.pid}`,
  });
  const r = await fetch(`${stack.url}/api/dev/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sub: 'wang.fang', name: '王芳', role: 'coordinator', departmentId: null }),
  });
  coordinatorToken = ((await r.json()) as { token: string }).token;
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

describe('LEGAL.* custom functions', () => {
  it('registers TOTAL, VALUE, STATUS and COMPLETENESS with Excel', () => {
    expect(registerFunctions()).toBe(true);
    expect([...registered.keys()].sort()).toEqual(['COMPLETENESS', 'STATUS', 'TOTAL', 'VALUE']);
  });

  it('answers 100 TOTAL cells of one recalculation with one batch request, equal to /api/aggregates', async () => {
    const metrics = ['consultations', 'lectures', 'materials', 'mediations', 'info-disclosed'];
    const departments = ['judicial-office', 'legal-service-station', 'urban-enforcement', 'street-office'];
    const cells: { metric: string; from: string; to: string; department?: string }[] = [];
    for (let month = 1; cells.length < 100; month = (month % 12) + 1) {
      const metric = metrics[cells.length % metrics.length] as string;
      const department = departments[cells.length % 5] ?? undefined; // every 5th: the whole office
      cells.push({ metric, from: `2020-${String(month).padStart(2, '0')}`, to: '2020-12', department });
    }
    withStack();
    const answers = await Promise.all(cells.map((c) => total(c.metric, c.from, c.to, c.department)));
    const batches = requests.filter((r) => r.path === '/api/aggregates/batch');
    expect(batches).toHaveLength(1);
    expect((batches[0]?.body as { queries: unknown[] } | undefined)?.queries.length).toBeLessThanOrEqual(100);
    // Only the catalogue (to read names) besides the batch.
    expect(
      requests
        .filter((r) => r.path !== '/api/aggregates/batch')
        .map((r) => r.path)
        .sort(),
    ).toEqual(['/api/departments', '/api/metrics']);
    for (const i of [0, 4, 37, 99]) {
      const c = cells[i] as (typeof cells)[number];
      const q = new URLSearchParams({
        from: c.from,
        to: c.to,
        ...(c.department ? { departmentId: c.department } : {}),
      });
      const expected = await api<{ totals: Record<string, number> }>(`/api/aggregates?${q}`);
      expect(answers[i]).toBe(expected.totals[c.metric]);
    }
    expect(answers[4]).toBeGreaterThan(0);
  });

  it('reuses answers until "refresh figures", then asks again in one batch', async () => {
    const engine = withStack();
    await Promise.all([total('lectures', '2020-01', '2020-12'), total('法治讲座', '2020-01', '2020-06')]);
    expect(engine.requests.batch).toBe(1);
    await Promise.all([
      total('lectures', '2020-01', '2020-12'),
      total('Rule-of-law lectures', '2020-01', '2020-06'),
    ]);
    expect(engine.requests.batch).toBe(1);
    await refreshFigures();
    await Promise.all([total('lectures', '2020-01', '2020-12'), total('lectures', '2020-01', '2020-06')]);
    expect(engine.requests.batch).toBe(2);
  });

  it('"refresh figures" has Excel recalculate every formula (a full calculation), in one sync', async () => {
    const calls: string[] = [];
    (globalThis as Record<string, unknown>).Excel = {
      CalculationType: { full: 'Full' },
      run: async (callback: (context: unknown) => Promise<void>) =>
        callback({
          workbook: { application: { calculate: (type: string) => calls.push(`calculate:${type}`) } },
          sync: async () => {
            calls.push('sync');
          },
        }),
    };
    try {
      withStack();
      await refreshFigures();
      expect(calls).toEqual(['calculate:Full', 'sync']);
    } finally {
      delete (globalThis as Record<string, unknown>).Excel;
    }
  });

  it('VALUE is the department’s current value; a month not reported is #N/A', async () => {
    withStack();
    const current = await api<{ submissions: { departmentId: string; values: Record<string, number> }[] }>(
      '/api/submissions?period=2020-06',
    );
    const station = current.submissions.find((s) => s.departmentId === 'legal-service-station');
    const [v, byName, future] = await Promise.all([
      value('legal-service-station', 'consultations', '2020-06'),
      value('公共法律服务站', '接待法律咨询', '2020年6月'),
      rejection(value('legal-service-station', 'consultations', '2021-03')),
    ]);
    expect(v).toBe(station?.values.consultations);
    expect(byName).toBe(v);
    expect(future.code).toBe('#N/A');
    expect(future.message).toContain('2021-03 尚未提交');
    expect(requests.filter((r) => r.path === '/api/aggregates/batch')).toHaveLength(1);
  });

  it('STATUS says 已提交 / 逾期提交 / 未提交 (English when Excel is in English), one request per month', async () => {
    withStack();
    const cells = await Promise.all([
      status('judicial-office', '2020-07'),
      status('res-tonghe-2', '2020-07'),
      status('judicial-office', '2021-02'),
      status('street-office', '2020-07'),
    ]);
    expect(cells).toEqual(['已提交', '逾期提交', '未提交', '已提交']);
    expect(
      requests
        .filter((r) => r.path.startsWith('/api/completeness'))
        .map((r) => r.path)
        .sort(),
    ).toEqual(['/api/completeness?period=2020-07', '/api/completeness?period=2021-02']);
    withStack({ lang: 'en' });
    expect(await status('res-tonghe-2', '2020-07')).toBe('late');
    const grouping = await rejection(status('residential', '2020-07'));
    expect(grouping.code).toBe('#N/A');
  });

  it('COMPLETENESS is received / expected, batched with TOTAL', async () => {
    withStack();
    const [whole, missingYear, sum] = await Promise.all([
      completeness('2020-01', '2020-12'),
      completeness('2021-01', '2021-02', 'judicial-office'),
      total('lectures', '2020-01', '2020-12'),
    ]);
    const expected = await api<{ completeness: { expected: number; received: number } }>(
      '/api/aggregates?from=2020-01&to=2020-12',
    );
    expect(whole).toBeCloseTo(expected.completeness.received / expected.completeness.expected, 10);
    expect(whole).toBe(1);
    expect(missingYear).toBe(0);
    expect(sum).toBeGreaterThan(0);
    expect(requests.filter((r) => r.path === '/api/aggregates/batch')).toHaveLength(1);
  });

  it('bad arguments are #VALUE! with a message, without a request for them', async () => {
    withStack({ lang: 'en' });
    const [badMonth, reversed, unknownMetric, unknownDept, noMetric] = await Promise.all([
      rejection(total('lectures', '2020-13', '2020-12')),
      rejection(total('lectures', '2020-12', '2020-01')),
      rejection(total('no-such-metric', '2020-01', '2020-12')),
      rejection(value('nowhere', 'lectures', '2020-01')),
      rejection(total('', '2020-01', '2020-12')),
    ]);
    expect(badMonth).toMatchObject({
      code: '#VALUE!',
      message: expect.stringContaining('"2020-13" is not a month'),
    });
    expect(reversed).toMatchObject({ code: '#VALUE!', message: 'from 2020-12 is after to 2020-01.' });
    expect(unknownMetric).toMatchObject({ code: '#VALUE!', message: 'Unknown metric "no-such-metric".' });
    expect(unknownDept).toMatchObject({ code: '#VALUE!', message: 'Unknown department "nowhere".' });
    expect(noMetric.code).toBe('#VALUE!');
    expect(requests.filter((r) => r.path === '/api/aggregates/batch')).toHaveLength(0);
  });

  it('a range the server refuses fails alone as #VALUE! with the server’s message', async () => {
    withStack();
    const [tooLong, fine] = await Promise.all([
      rejection(total('lectures', '2000-01', '2020-12')),
      total('lectures', '2020-01', '2020-03'),
    ]);
    expect(tooLong.code).toBe('#VALUE!');
    expect(tooLong.message).toMatch(/120/);
    expect(fine).toBeGreaterThanOrEqual(0);
    expect(requests.filter((r) => r.path === '/api/aggregates/batch')).toHaveLength(1);
  });

  it('without a sign-in the cells are #N/A telling the user to sign in, and nothing is sent', async () => {
    withStack({ token: () => null });
    const e = await rejection(total('lectures', '2020-01', '2020-12'));
    expect(e.code).toBe('#N/A');
    expect(e.message).toContain('请先在“法治建设月报”任务窗格中登录');
    expect(requests).toHaveLength(0);
  });

  it('an expired token is #N/A asking to sign in again', async () => {
    withStack({ token: () => 'not-a-token' });
    const e = await rejection(total('lectures', '2020-01', '2020-12'));
    expect(e).toMatchObject({ code: '#N/A', message: expect.stringContaining('登录已过期') });
  });

  it('a server that never answers gives #N/A after the timeout, not an endless #BUSY!', async () => {
    const hanging = ((_url: string, init?: RequestInit) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      })) as typeof fetch;
    configureFunctions({
      baseUrl: 'http://unused.test',
      fetchImpl: hanging,
      getToken: () => coordinatorToken,
      getLang: () => 'zh-CN',
      timeoutMs: 200,
    });
    const cells = await Promise.all([
      rejection(total('lectures', '2020-01', '2020-12')),
      rejection(status('judicial-office', '2020-07')),
    ]);
    for (const e of cells)
      expect(e).toMatchObject({ code: '#N/A', message: expect.stringContaining('秒内没有应答') });
  });

  it('more than 200 distinct queries go out as batches of at most 200', async () => {
    const engine = withStack();
    const cells: Promise<number>[] = [];
    for (let y = 2011; y <= 2020; y++)
      for (let m = 1; m <= 12; m++)
        for (const metric of ['lectures', 'consultations'])
          cells.push(total(metric, `${y}-${String(m).padStart(2, '0')}`, `${y}-12`));
    await Promise.all(cells);
    expect(cells).toHaveLength(240);
    const sizes = requests
      .filter((r) => r.path === '/api/aggregates/batch')
      .map((r) => (r.body as { queries: unknown[] }).queries.length);
    expect(sizes).toEqual([200, 40]);
    expect(engine.requests.batch).toBe(2);
  });
});

describe('LEGAL.* metadata and arguments', () => {
  it('generates Excel’s metadata from the JSDoc: four functions, department optional where the issue says', async () => {
    const { functionsMetadata } = await import('../../addin/build');
    const meta = JSON.parse(await functionsMetadata()) as {
      functions: {
        id: string;
        parameters: { name: string; optional?: boolean }[];
        result: { type: string };
      }[];
    };
    const byId = new Map(meta.functions.map((f) => [f.id, f]));
    expect([...byId.keys()].sort()).toEqual(['COMPLETENESS', 'STATUS', 'TOTAL', 'VALUE']);
    expect(byId.get('TOTAL')?.parameters.map((p) => `${p.name}${p.optional ? '?' : ''}`)).toEqual([
      'metric',
      'from',
      'to',
      'department?',
    ]);
    expect(byId.get('VALUE')?.parameters.map((p) => p.name)).toEqual(['department', 'metric', 'period']);
    expect(byId.get('STATUS')?.result.type).toBe('string');
    expect(byId.get('COMPLETENESS')?.parameters.map((p) => `${p.name}${p.optional ? '?' : ''}`)).toEqual([
      'from',
      'to',
      'department?',
    ]);
  });

  it('reads months as people type them, and Excel dates', async () => {
    const { periodFromArgument } = await import('../../addin/src/functions/engine');
    expect(periodFromArgument('2020-07')).toBe('2020-07');
    expect(periodFromArgument('2020/7')).toBe('2020-07');
    expect(periodFromArgument('2020年7月')).toBe('2020-07');
    expect(periodFromArgument(44013)).toBe('2020-07'); // =DATE(2020,7,1)
    expect(periodFromArgument(44043)).toBe('2020-07'); // =DATE(2020,7,31)
    expect(periodFromArgument('2020-13')).toBeNull();
    expect(periodFromArgument('July')).toBeNull();
    expect(periodFromArgument(true)).toBeNull();
  });
});
