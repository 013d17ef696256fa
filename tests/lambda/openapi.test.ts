import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let doc: any;
let ajv: Ajv2020;

beforeAll(async () => {
  stack = await startTestStack({ seedDemo: true });
  doc = (await stack.api('GET', '/api/openapi.json')).body;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi', components: doc.components });
}, 120_000);
afterAll(() => stack.stop());

/** The schema the document gives for a status of an operation, with refs pointing into it. */
function responseSchema(path: string, method: string, status: number): unknown {
  const op = doc.paths[path]?.[method.toLowerCase()];
  const response = op?.responses?.[String(status)];
  if (!response) throw new Error(`${method} ${path} does not document status ${status}`);
  const content = response.content?.['application/json'] ?? response.content?.['application/problem+json'];
  return JSON.parse(JSON.stringify(content.schema).replaceAll('"#/components', '"openapi#/components'));
}

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and served at /api/openapi.json', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).length).toBeGreaterThanOrEqual(15);
  });

  it('every documented route answers with a documented status and a body matching its schema', async () => {
    const coord = await stack.token({ role: 'coordinator', sub: 'wang.fang' });
    const name = { 'zh-CN': '测试', en: 'Test' };
    const calls: [string, string, string, unknown?][] = [
      ['GET', '/api/health', '/api/health'],
      ['GET', '/api/openapi.json', '/api/openapi.json'],
      [
        'POST',
        '/api/dev/token',
        '/api/dev/token',
        { sub: 'a', name: 'A', role: 'clerk', departmentId: 'judicial-office' },
      ],
      ['GET', '/api/metrics', '/api/metrics'],
      ['PUT', '/api/metrics/{metricId}', '/api/metrics/extra-metric', { name, unit: name }],
      ['GET', '/api/departments', '/api/departments'],
      [
        'PUT',
        '/api/departments/{departmentId}',
        '/api/departments/new-unit',
        { name, parentId: 'zhangmiao', metrics: [], contacts: [] },
      ],
      ['GET', '/api/rules', '/api/rules'],
      [
        'PUT',
        '/api/rules/{ruleId}',
        '/api/rules/extra-rule',
        { left: 'lectures', op: '>=', right: 'extra-metric', severity: 'warning', message: name },
      ],
      [
        'PUT',
        '/api/submissions/{departmentId}/{period}',
        '/api/submissions/judicial-office/2021-02',
        { values: { lectures: 3 } },
      ],
      ['GET', '/api/submissions/{departmentId}/{period}', '/api/submissions/judicial-office/2021-02'],
      [
        'GET',
        '/api/submissions/{departmentId}/{period}/history',
        '/api/submissions/judicial-office/2021-02/history',
      ],
      ['GET', '/api/submissions', '/api/submissions?period=2020-05'],
      ['GET', '/api/aggregates', '/api/aggregates?from=2019-07&to=2020-12&groupBy=department'],
      ['GET', '/api/completeness', '/api/completeness?period=2020-05'],
      ['GET', '/api/periods/{period}', '/api/periods/2020-05'],
      ['PUT', '/api/periods/{period}/lock', '/api/periods/2020-05/lock'],
      ['DELETE', '/api/periods/{period}/lock', '/api/periods/2020-05/lock'],
      ['GET', '/api/reports/year-end', '/api/reports/year-end?from=2019-07&to=2020-12'],
      [
        'GET',
        '/api/reports/year-end',
        '/api/reports/year-end?from=2019-07&to=2020-12&asOf=2021-01-05T00:00:00Z&compareAsOf=now',
      ],
      [
        'GET',
        '/api/aggregates',
        '/api/aggregates?from=2019-07&to=2020-12&groupBy=month&asOf=2020-06-01T00:00:00Z',
      ],
      [
        'POST',
        '/api/aggregates/batch',
        '/api/aggregates/batch',
        {
          queries: [
            { from: '2019-07', to: '2020-12' },
            { from: 'bad', to: '2020-12' },
          ],
        },
      ],
      ['GET', '/api/exports/submissions', '/api/exports/submissions?from=2020-01&to=2020-03&format=csv'],
      [
        'GET',
        '/api/exports/aggregates',
        '/api/exports/aggregates?from=2019-07&to=2020-12&groupBy=department&format=xlsx',
      ],
      ['GET', '/api/calendar/{year}', '/api/calendar/2027'],
      ['PUT', '/api/calendar/{year}', '/api/calendar/2031', { holidays: ['2031-01-01'], workdays: [] }],
      ['POST', '/api/reminders/run', '/api/reminders/run', { asOf: '2021-02-01T09:30:00+08:00' }],
      ['GET', '/api/reminders/outbox', '/api/reminders/outbox'],
    ];
    const covered = new Set<string>();
    for (const [method, template, url, body] of calls) {
      const res = await stack.api(method, url, { token: coord, body });
      const mediaType = (res.headers.get('content-type') ?? '').split(';')[0] ?? '';
      if (!mediaType.endsWith('json')) {
        // Files (the exports): the media type must be one the document lists for that status.
        const documentedTypes = Object.keys(
          doc.paths[template]?.[method.toLowerCase()]?.responses?.[String(res.status)]?.content ?? {},
        );
        expect(documentedTypes).toContain(mediaType);
        covered.add(`${method} ${template}`);
        continue;
      }
      const validate = ajv.compile(responseSchema(template, method, res.status) as object);
      const valid = validate(res.body);
      if (!valid) throw new Error(`${method} ${url} -> ${res.status}: ${ajv.errorsText(validate.errors)}`);
      expect(res.status).toBeLessThan(300);
      covered.add(`${method} ${template}`);
    }
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect([...covered].sort()).toEqual(documented.sort());
  });

  it('documents the problem responses the server gives', async () => {
    const clerk = await stack.token({ role: 'clerk', departmentId: 'judicial-office' });
    const checks: [string, string, string, unknown, number][] = [
      [
        'PUT',
        '/api/submissions/{departmentId}/{period}',
        '/api/submissions/judicial-office/2021-02',
        { values: { lectures: -1 } },
        400,
      ],
      [
        'PUT',
        '/api/submissions/{departmentId}/{period}',
        '/api/submissions/street-office/2021-02',
        { values: {} },
        403,
      ],
      ['GET', '/api/aggregates', '/api/aggregates?from=2020-12&to=2019-01', undefined, 400],
      [
        'GET',
        '/api/submissions/{departmentId}/{period}',
        '/api/submissions/judicial-office/2030-01',
        undefined,
        404,
      ],
    ];
    for (const [method, template, url, body, status] of checks) {
      const res = await stack.api(method, url, { token: clerk, body });
      expect(res.status).toBe(status);
      const validate = ajv.compile(responseSchema(template, method, status) as object);
      expect(validate(res.body)).toBe(true);
    }
  });
});
