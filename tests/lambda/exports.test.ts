import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import ExcelJS from 'exceljs';
import { routeHandler } from '../../lambda/src/adapters/http/http-handler';
import { routes } from '../../lambda/src/handlers/exports';
import { seedSmallCatalog, startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let admin: string;

beforeAll(async () => {
  stack = await startTestStack();
  ({ admin } = await seedSmallCatalog(stack));
  const put = async (dept: string, period: string, values: Record<string, number>, note?: string) => {
    const res = await stack.api('PUT', `/api/submissions/${dept}/${period}`, {
      token: admin,
      body: { values, note },
    });
    if (res.status >= 300) throw new Error(JSON.stringify(res.body));
  };
  await put('office', '2023-01', { requests: 5, answered: 4 });
  await put('office', '2023-01', { requests: 6, answered: 4 }, '=HYPERLINK("http://x") 补录一件');
  await put('judicial', '2023-01', { lectures: 2 });
  await put('area-one', '2023-02', { lectures: 3 });
  await put('judicial', '2024-01', { lectures: 9 });
});
afterAll(() => stack.stop());

async function download(path: string, token = admin) {
  const res = await fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function readXlsx(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { sheet, rows };
}

describe('GET /api/exports/submissions', () => {
  it('gives CSV in UTF-8 with a BOM, Chinese names and every revision in range', async () => {
    const { res, bytes } = await download('/api/exports/submissions?from=2023-01&to=2023-12&format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(
      'attachment; filename="submissions_2023-01_2023-12.csv"',
    );
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('填报记录')}`,
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe(
      '部门编号,部门,月份,指标编号,指标,单位,数值,版本,现行版本,备注,提交人账号,提交人,提交时间',
    );
    // office: 2 revisions x 2 metrics; judicial 1 x 1; area-one 1 x 1 (2024 is out of range)
    expect(lines).toHaveLength(1 + 4 + 1 + 1);
    expect(lines.some((l) => l.startsWith('judicial,司法所,2023-01,lectures,法治讲座,场,2,1,是,'))).toBe(
      true,
    );
    expect(lines.some((l) => l.startsWith('office,办公室,2023-01,requests,受理申请,件,5,1,否,'))).toBe(true);
    // A note that looks like a formula is kept as text, not run by Excel.
    const corrected = lines.find((l) => l.startsWith('office,办公室,2023-01,requests,受理申请,件,6,2,是,'));
    expect(corrected).toContain(`"'=HYPERLINK(""http://x"") 补录一件"`);
    expect(lines.some((l) => l.includes('2024-01'))).toBe(false);
  });

  it('gives an xlsx that reads back with the right rows and Chinese text', async () => {
    const { res, bytes } = await download('/api/exports/submissions?from=2023-01&to=2023-12&format=xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers.get('content-disposition')).toContain('filename="submissions_2023-01_2023-12.xlsx"');
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const { sheet, rows } = await readXlsx(bytes);
    expect(sheet.name).toBe('填报记录');
    expect(rows[0]).toEqual([
      '部门编号',
      '部门',
      '月份',
      '指标编号',
      '指标',
      '单位',
      '数值',
      '版本',
      '现行版本',
      '备注',
      '提交人账号',
      '提交人',
      '提交时间',
    ]);
    expect(rows).toHaveLength(7);
    const office = rows.filter((r) => r[0] === 'office');
    expect(office.map((r) => [r[3], r[6], r[7], r[8]])).toEqual([
      ['answered', 4, 1, '否'],
      ['requests', 5, 1, '否'],
      ['answered', 4, 2, '是'],
      ['requests', 6, 2, '是'],
    ]);
    expect(office[2]?.[9]).toBe('=HYPERLINK("http://x") 补录一件');
    expect(rows.find((r) => r[0] === 'area-one')?.slice(0, 7)).toEqual([
      'area-one',
      '一村',
      '2023-02',
      'lectures',
      '法治讲座',
      '场',
      3,
    ]);
  });

  it('names things in English with lang=en', async () => {
    const { bytes } = await download(
      '/api/exports/submissions?from=2023-01&to=2023-01&format=csv&lang=en&departmentId=judicial',
    );
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe(
      'Department ID,Department,Period,Metric ID,Metric,Unit,Value,Version,Current,Note,Submitted by,Submitter,Submitted at',
    );
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 9).join(','))).toEqual([
      'judicial,Judicial,2023-01,lectures,Lectures,lectures,2,1,yes',
    ]);
  });

  it('lets a clerk export only their own department', async () => {
    const clerk = await stack.token({ role: 'clerk', departmentId: 'judicial' });
    const own = await download('/api/exports/submissions?from=2023-01&to=2023-12', clerk);
    expect(own.res.status).toBe(200);
    const lines = own.bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines.slice(1).every((l) => l.startsWith('judicial,'))).toBe(true);
    const other = await stack.api(
      'GET',
      '/api/exports/submissions?from=2023-01&to=2023-12&departmentId=office',
      { token: clerk },
    );
    expect(other.status).toBe(403);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses an unknown format or a bad range with a problem', async () => {
    const pdf = await stack.api('GET', '/api/exports/submissions?from=2023-01&to=2023-12&format=pdf', {
      token: admin,
    });
    expect(pdf.status).toBe(400);
    expect(pdf.body.errors[0].field).toBe('format');
    const range = await stack.api('GET', '/api/exports/aggregates?from=2023-12&to=2023-01', { token: admin });
    expect(range.status).toBe(400);
  });
});

describe('GET /api/exports/aggregates', () => {
  it('gives the grouped aggregate as xlsx with a total row matching /api/aggregates', async () => {
    const { res, bytes } = await download(
      '/api/exports/aggregates?from=2023-01&to=2023-02&departmentId=street&groupBy=department&format=xlsx',
    );
    expect(res.status).toBe(200);
    const { sheet, rows } = await readXlsx(bytes);
    expect(sheet.name).toBe('汇总');
    // Metric columns in catalogue order (by id: answered, lectures, requests).
    expect(rows[0]).toEqual([
      '部门编号',
      '部门',
      '已答复（件）',
      '法治讲座（场）',
      '受理申请（件）',
      '应报',
      '已报',
    ]);
    expect(rows.slice(1)).toEqual([
      ['area', '片区', 0, 3, 0, 2, 1],
      ['judicial', '司法所', 0, 2, 0, 2, 1],
      ['office', '办公室', 4, 0, 6, 2, 1],
      ['', '合计', 4, 5, 6, 6, 3],
    ]);
    const api = await stack.api('GET', '/api/aggregates?from=2023-01&to=2023-02&departmentId=street', {
      token: admin,
    });
    expect(rows.at(-1)?.slice(2, 5)).toEqual([
      api.body.totals.answered,
      api.body.totals.lectures,
      api.body.totals.requests,
    ]);
  });

  it('gives CSV by month with a BOM, and the figures as of a moment on request', async () => {
    const { res, bytes } = await download('/api/exports/aggregates?from=2023-01&to=2023-02&groupBy=month');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(bytes.subarray(0, 3).toString('hex')).toBe('efbbbf');
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines).toEqual([
      '月份,已答复（件）,法治讲座（场）,受理申请（件）,应报,已报',
      '2023-01,4,2,6,3,2',
      '2023-02,0,3,0,3,1',
      '合计,4,5,6,6,3',
    ]);
    const past = await download('/api/exports/aggregates?from=2023-01&to=2023-02&asOf=2000-01-01T00:00:00Z');
    expect(past.bytes.subarray(3).toString('utf8').trim().split('\r\n')[1]).toBe(',全部,0,0,0,6,0');
  });
});

describe('the exports Lambda function', () => {
  it('returns the xlsx base64-encoded, as API Gateway needs for binary bodies', async () => {
    const handler = routeHandler(routes, () => stack.deps);
    const event = {
      routeKey: 'GET /api/exports/aggregates',
      queryStringParameters: { from: '2023-01', to: '2023-01', format: 'xlsx' },
      headers: {},
      requestContext: {
        requestId: 'r1',
        authorizer: { jwt: { claims: { sub: 'admin', role: 'coordinator', name: 'A' } } },
      },
    } as unknown as APIGatewayProxyEventV2;
    const result = await handler(event);
    expect(result.statusCode).toBe(200);
    expect(result.isBase64Encoded).toBe(true);
    const { rows } = await readXlsx(Buffer.from(result.body ?? '', 'base64'));
    expect(rows[1]).toEqual(['', '全部', 4, 2, 6, 3, 2]);
  });
});
