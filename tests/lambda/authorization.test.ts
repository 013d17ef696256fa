import { SignJWT } from 'jose';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../lambda/src/local/local-auth';
import { seedSmallCatalog, startTestStack, type TestStack } from '../helpers/stack';

/**
 * Every route x every kind of caller. "own" is the office clerk on office; "other" the judicial
 * clerk on office; "scoped-in" the area coordinator on area-one; "scoped-out" the area coordinator
 * on office; "unscoped" the organisation's coordinator on office.
 */
type Who = 'none' | 'own' | 'other' | 'scoped-in' | 'scoped-out' | 'unscoped';
const WHO: Who[] = ['none', 'own', 'other', 'scoped-in', 'scoped-out', 'unscoped'];

let stack: TestStack;
const tokens: Partial<Record<Who, string>> = {};

beforeAll(async () => {
  stack = await startTestStack();
  const { admin } = await seedSmallCatalog(stack);
  tokens.own = await stack.token({ role: 'clerk', departmentId: 'office' });
  tokens.other = await stack.token({ role: 'clerk', departmentId: 'judicial' });
  tokens['scoped-in'] = await stack.token({ role: 'coordinator', departmentId: 'area', sub: 'area-coord' });
  tokens['scoped-out'] = tokens['scoped-in'];
  tokens.unscoped = admin;
  for (const [dept, values] of [
    ['office', { requests: 2, answered: 1 }],
    ['area-one', { lectures: 3 }],
  ] as const) {
    await stack.api('PUT', `/api/submissions/${dept}/2023-01`, { token: admin, body: { values } });
  }
});
afterAll(() => stack.stop());

const target = (who: Who) => (who === 'scoped-in' ? 'area-one' : 'office');
const valuesFor = (dept: string) => (dept === 'office' ? { requests: 3, answered: 1 } : { lectures: 4 });
const name = { 'zh-CN': '名', en: 'Name' };

interface Case {
  route: string;
  request: (who: Who) => { method: string; path: string; body?: unknown };
  expect: Record<Who, number[]>;
}

const OK = [200, 201];
const deptScoped = { none: [401], own: OK, other: [403], 'scoped-in': OK, 'scoped-out': [403], unscoped: OK };
const catalogueWrite = {
  none: [401],
  own: [403],
  other: [403],
  'scoped-in': [403],
  'scoped-out': [403],
  unscoped: OK,
};
const anyoneSignedIn = { none: [401], own: OK, other: OK, 'scoped-in': OK, 'scoped-out': OK, unscoped: OK };
const lockRoute = {
  none: [401],
  own: [403],
  other: [403],
  'scoped-in': OK,
  'scoped-out': [403],
  unscoped: OK,
};
const publicRoute = {
  none: [200],
  own: [200],
  other: [200],
  'scoped-in': [200],
  'scoped-out': [200],
  unscoped: [200],
};

const CASES: Case[] = [
  { route: 'GET /api/health', request: () => ({ method: 'GET', path: '/api/health' }), expect: publicRoute },
  {
    route: 'GET /api/openapi.json',
    request: () => ({ method: 'GET', path: '/api/openapi.json' }),
    expect: publicRoute,
  },
  {
    route: 'GET /api/metrics',
    request: () => ({ method: 'GET', path: '/api/metrics' }),
    expect: anyoneSignedIn,
  },
  {
    route: 'PUT /api/metrics/{metricId}',
    request: () => ({
      method: 'PUT',
      path: '/api/metrics/requests',
      body: { name: { 'zh-CN': '受理申请', en: 'Requests' }, unit: { 'zh-CN': '件', en: 'cases' } },
    }),
    expect: catalogueWrite,
  },
  {
    route: 'GET /api/departments',
    request: () => ({ method: 'GET', path: '/api/departments' }),
    expect: anyoneSignedIn,
  },
  {
    route: 'PUT /api/departments/{departmentId}',
    request: () => ({
      method: 'PUT',
      path: '/api/departments/judicial',
      body: {
        name: { 'zh-CN': '司法所', en: 'Judicial' },
        parentId: 'street',
        metrics: ['lectures'],
        contacts: [],
      },
    }),
    expect: catalogueWrite,
  },
  { route: 'GET /api/rules', request: () => ({ method: 'GET', path: '/api/rules' }), expect: anyoneSignedIn },
  {
    route: 'PUT /api/rules/{ruleId}',
    request: () => ({
      method: 'PUT',
      path: '/api/rules/r1',
      body: { left: 'answered', op: '<=', right: 'requests', severity: 'warning', message: name },
    }),
    expect: catalogueWrite,
  },
  {
    route: 'PUT /api/submissions/{departmentId}/{period}',
    request: (who) => ({
      method: 'PUT',
      path: `/api/submissions/${target(who)}/2023-01`,
      body: { values: valuesFor(target(who)), note: `by ${who}` },
    }),
    expect: deptScoped,
  },
  {
    route: 'GET /api/submissions/{departmentId}/{period}',
    request: (who) => ({ method: 'GET', path: `/api/submissions/${target(who)}/2023-01` }),
    expect: deptScoped,
  },
  {
    route: 'GET /api/submissions/{departmentId}/{period}/history',
    request: (who) => ({ method: 'GET', path: `/api/submissions/${target(who)}/2023-01/history` }),
    expect: deptScoped,
  },
  {
    route: 'GET /api/submissions',
    request: () => ({ method: 'GET', path: '/api/submissions?period=2023-01' }),
    expect: anyoneSignedIn,
  },
  {
    route: 'GET /api/aggregates',
    request: (who) => ({
      method: 'GET',
      path: `/api/aggregates?from=2023-01&to=2023-01&departmentId=${target(who)}`,
    }),
    expect: deptScoped,
  },
  {
    route: 'GET /api/completeness',
    request: (who) => ({
      method: 'GET',
      path: `/api/completeness?period=2023-01&departmentId=${target(who)}`,
    }),
    expect: deptScoped,
  },
  {
    route: 'GET /api/periods/{period}',
    request: (who) => ({ method: 'GET', path: `/api/periods/2023-02?departmentId=${target(who)}` }),
    expect: deptScoped,
  },
  {
    route: 'PUT /api/periods/{period}/lock',
    request: (who) => ({ method: 'PUT', path: `/api/periods/2023-02/lock?departmentId=${target(who)}` }),
    expect: lockRoute,
  },
  {
    route: 'DELETE /api/periods/{period}/lock',
    request: (who) => ({ method: 'DELETE', path: `/api/periods/2023-02/lock?departmentId=${target(who)}` }),
    expect: lockRoute,
  },
  {
    route: 'GET /api/reports/year-end',
    request: (who) => ({
      method: 'GET',
      path: `/api/reports/year-end?from=2023-01&to=2023-01&departmentId=${target(who)}`,
    }),
    expect: deptScoped,
  },
  {
    route: 'POST /api/aggregates/batch',
    // 200 for every signed-in caller: access is decided per query (see the test below).
    request: (who) => ({
      method: 'POST',
      path: '/api/aggregates/batch',
      body: { queries: [{ from: '2023-01', to: '2023-01', departmentId: target(who) }] },
    }),
    expect: anyoneSignedIn,
  },
  {
    route: 'GET /api/exports/submissions',
    request: (who) => ({
      method: 'GET',
      path: `/api/exports/submissions?from=2023-01&to=2023-01&departmentId=${target(who)}`,
    }),
    expect: deptScoped,
  },
  {
    route: 'GET /api/exports/aggregates',
    request: (who) => ({
      method: 'GET',
      path: `/api/exports/aggregates?from=2023-01&to=2023-01&departmentId=${target(who)}&format=xlsx`,
    }),
    expect: deptScoped,
  },
  {
    route: 'GET /api/calendar/{year}',
    request: () => ({ method: 'GET', path: '/api/calendar/2025' }),
    expect: anyoneSignedIn,
  },
  {
    route: 'PUT /api/calendar/{year}',
    request: () => ({
      method: 'PUT',
      path: '/api/calendar/2030',
      body: { holidays: ['2030-01-01'], workdays: [] },
    }),
    expect: catalogueWrite,
  },
  {
    // A scoped coordinator's run covers only their subtree (tests/lambda/reminders.test.ts), so "out" is 200 too.
    route: 'POST /api/reminders/run',
    request: () => ({
      method: 'POST',
      path: '/api/reminders/run',
      body: { asOf: '2023-02-15T09:30:00+08:00' },
    }),
    expect: { none: [401], own: [403], other: [403], 'scoped-in': OK, 'scoped-out': OK, unscoped: OK },
  },
  {
    route: 'GET /api/reminders/outbox',
    request: () => ({ method: 'GET', path: '/api/reminders/outbox' }),
    expect: { none: [401], own: [403], other: [403], 'scoped-in': OK, 'scoped-out': OK, unscoped: OK },
  },
];

describe('authorization matrix', () => {
  const rows = CASES.flatMap((c) => WHO.map((who) => [c.route, who, c] as const));
  it.each(rows)('%s as %s', async (_route, who, c) => {
    const { method, path, body } = c.request(who);
    const res = await stack.api(method, path, { token: tokens[who as Exclude<Who, 'none'>], body });
    expect(c.expect[who]).toContain(res.status);
    if (res.status === 401 || res.status === 403) {
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.type).toBe(res.status === 401 ? '/problems/unauthorized' : '/problems/forbidden');
    }
  });

  it('covers every documented route', async () => {
    const doc = (await stack.api('GET', '/api/openapi.json')).body;
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .filter((r) => r !== 'POST /api/dev/token');
    expect(documented.sort()).toEqual(CASES.map((c) => c.route).sort());
  });

  it('answers a batch query with 403 exactly where /api/aggregates would', async () => {
    for (const who of ['own', 'other', 'scoped-in', 'scoped-out', 'unscoped'] as const) {
      const query = { from: '2023-01', to: '2023-01', departmentId: target(who) };
      const single = await stack.api('GET', `/api/aggregates?${new URLSearchParams(query)}`, {
        token: tokens[who],
      });
      const res = await stack.api('POST', '/api/aggregates/batch', {
        token: tokens[who],
        body: { queries: [query] },
      });
      const result = res.body.results[0];
      expect(result.error?.status ?? 200).toBe(single.status);
      if (single.status === 403) expect(result.error.type).toBe('/problems/forbidden');
    }
  });

  it('shows a clerk only their own department in a month listing and in aggregates by default', async () => {
    const list = await stack.api('GET', '/api/submissions?period=2023-01', { token: tokens.own });
    expect(list.body.submissions.map((s: { departmentId: string }) => s.departmentId)).toEqual(['office']);
    const agg = await stack.api('GET', '/api/aggregates?from=2023-01&to=2023-01', { token: tokens.own });
    expect(agg.body.departmentId).toBe('office');
    expect(agg.body.totals.lectures).toBe(0);
    const scoped = await stack.api('GET', '/api/submissions?period=2023-01', { token: tokens['scoped-in'] });
    expect(scoped.body.submissions.map((s: { departmentId: string }) => s.departmentId)).toEqual([
      'area-one',
    ]);
  });

  describe('refuses bad tokens with 401', () => {
    const secretless = new TextEncoder().encode('another-key-another-key-another-key!');
    const cases: [string, () => Promise<string>][] = [
      ['malformed', async () => 'not-a-jwt'],
      [
        'signed by another key',
        () =>
          new SignJWT({ sub: 'x', role: 'coordinator' })
            .setProtectedHeader({ alg: 'HS256' })
            .setIssuer(LOCAL_ISSUER)
            .setAudience(LOCAL_AUDIENCE)
            .setExpirationTime('1h')
            .sign(secretless),
      ],
      [
        'expired',
        () =>
          new SignJWT({ sub: 'x', role: 'coordinator' })
            .setProtectedHeader({ alg: 'HS256' })
            .setIssuer(LOCAL_ISSUER)
            .setAudience(LOCAL_AUDIENCE)
            .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
            .sign(stack.auth.secret),
      ],
      [
        'of another issuer',
        () =>
          new SignJWT({ sub: 'x', role: 'coordinator' })
            .setProtectedHeader({ alg: 'HS256' })
            .setIssuer('urn:evil')
            .setAudience(LOCAL_AUDIENCE)
            .setExpirationTime('1h')
            .sign(stack.auth.secret),
      ],
      [
        'with alg none',
        async () =>
          `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', role: 'coordinator', iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, exp: 9999999999 })).toString('base64url')}.`,
      ],
      ['without a role', () => stack.auth.issue({ sub: 'x' })],
      ['of a clerk without a department', () => stack.auth.issue({ sub: 'x', role: 'clerk' })],
    ];
    it.each(cases)('%s', async (_name, make) => {
      const res = await stack.api('GET', '/api/metrics', { token: await make() });
      expect(res.status).toBe(401);
      expect(res.body.type).toBe('/problems/unauthorized');
    });
  });
});
