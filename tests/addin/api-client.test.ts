import { ApiProblem, createApiClient, NetworkError } from '../../addin/src/api/api-client';
import { describeError } from '../../addin/src/api/describe-error';

type Call = { url: string; init: RequestInit };

function clientWith(respond: (call: Call) => Response | Promise<Response>, lang: 'zh-CN' | 'en' = 'zh-CN') {
  const calls: Call[] = [];
  let unauthorized = 0;
  const api = createApiClient({
    baseUrl: 'http://api.test',
    getToken: () => 'tok',
    getLang: () => lang,
    onUnauthorized: () => {
      unauthorized++;
    },
    fetchImpl: (async (url: string, init: RequestInit) => {
      const call = { url, init };
      calls.push(call);
      return respond(call);
    }) as unknown as typeof fetch,
  });
  return { api, calls, unauthorized: () => unauthorized };
}

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

describe('api-client', () => {
  it('sends the token, the user’s language and If-Match with a correction', async () => {
    const { api, calls } = clientWith(() =>
      json(200, { departmentId: 'judicial-office', period: '2020-07', version: 3, values: { lectures: 4 } }),
    );
    const r = await api.submit('judicial-office', '2020-07', { values: { lectures: 4 }, note: '更正' }, 2);
    expect(r.created).toBe(false);
    expect(calls[0]?.url).toBe('http://api.test/api/submissions/judicial-office/2020-07');
    const headers = calls[0]?.init.headers as Record<string, string>;
    expect(headers.Authorization).toBe('Bearer tok');
    expect(headers['Accept-Language']).toBe('zh-CN');
    expect(headers['If-Match']).toBe('"2"');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ values: { lectures: 4 }, note: '更正' });
  });

  it('tells a first submission (201) from a revision', async () => {
    const { api } = clientWith(() => json(201, { version: 1 }));
    expect((await api.submit('a', '2020-01', { values: {} })).created).toBe(true);
  });

  it('turns problem+json into an ApiProblem carrying the server’s localized sentence and field errors', async () => {
    const problem = {
      type: '/problems/invalid-request',
      title: '请求有误',
      status: 400,
      detail: '填报数据有误，请检查标出的项目。',
      errors: [{ field: 'values.lectures', message: '“法治讲座”必须是 0 到 10000000 之间的整数。' }],
    };
    const { api } = clientWith(() => json(400, problem, 'application/problem+json'));
    const error = await api
      .submit('judicial-office', '2020-07', { values: { lectures: -1 } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect(error.code).toBe('invalid-request');
    const described = describeError(error, 'zh-CN');
    expect(described.message).toBe('填报数据有误，请检查标出的项目。');
    expect(described.fields).toEqual({ lectures: '“法治讲座”必须是 0 到 10000000 之间的整数。' });
    expect(described.retryable).toBe(false);
  });

  it('finds the department’s current revision in the period’s list, or null when nothing was submitted', async () => {
    const { api, calls } = clientWith(() =>
      json(200, {
        submissions: [{ departmentId: 'street-office', period: '2020-07', version: 2, values: {} }],
      }),
    );
    await expect(api.submission('street-office', '2020-07')).resolves.toMatchObject({ version: 2 });
    await expect(api.submission('judicial-office', '2020-07')).resolves.toBeNull();
    expect(calls[0]?.url).toBe('http://api.test/api/submissions?period=2020-07');
  });

  it('reports a lost network as NetworkError, offered with a retry in the user’s language', async () => {
    const { api } = clientWith(() => {
      throw new TypeError('Failed to fetch');
    });
    const error = await api.metrics().catch((e) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(describeError(error, 'zh-CN')).toMatchObject({
      retryable: true,
      message: expect.stringContaining('无法连接服务器'),
    });
    expect(describeError(error, 'en').message).toContain('Cannot reach the server');
  });

  it('offers a retry when the service is busy, and signs out on 401', async () => {
    const { api, unauthorized } = clientWith(({ url }) =>
      url.includes('metrics')
        ? json(503, {
            type: '/problems/service-busy',
            title: '繁忙',
            status: 503,
            detail: '系统繁忙，请稍后重试；您的数据未被保存。',
          })
        : json(401, { type: '/problems/unauthorized', title: 'x', status: 401, detail: 'bad token' }),
    );
    expect(describeError(await api.metrics().catch((e) => e), 'zh-CN').retryable).toBe(true);
    const e401 = await api.departments().catch((e) => e);
    expect(unauthorized()).toBe(1);
    expect(describeError(e401, 'zh-CN').message).toBe('登录已过期，请重新登录。');
  });

  it('survives an error body that is not JSON (a proxy’s HTML page)', async () => {
    const { api } = clientWith(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    const d = describeError(await api.metrics().catch((e) => e), 'en');
    expect(d.retryable).toBe(true);
    expect(d.message.length).toBeGreaterThan(0);
  });

  it('builds aggregate queries without empty parameters', async () => {
    const { api, calls } = clientWith(() => json(200, { totals: {} }));
    await api.aggregates({ from: '2020-01', to: '2020-12', departmentId: null, groupBy: 'department' });
    expect(calls[0]?.url).toBe('http://api.test/api/aggregates?from=2020-01&to=2020-12&groupBy=department');
  });
});
