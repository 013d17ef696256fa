/**
 * What the LEGAL.* custom functions compute, without Excel: argument checks, batching and a short
 * cache. Excel calls a custom function once per cell, so a sheet of 100 formulas would be 100 HTTP
 * requests; instead every aggregate question asked while Excel recalculates is queued for a few
 * milliseconds and sent as ONE `POST /api/aggregates/batch` (API.md; at most 200 queries each), and
 * STATUS cells share one `GET /api/completeness` per month. Answers are kept for `cacheMs` so that a
 * recalculation does not refetch; `clear()` (the pane's "refresh figures") forgets them.
 *
 * Every failure is an error value Excel shows with its message (#VALUE! for a bad argument, #N/A for
 * "no answer"); every request has a timeout, so a cell never stays in #BUSY!.
 */
import type { CompletenessResponse, ProblemBody, Totals } from '../../../shared/src/contract/api-types';
import type { Lang } from '../../../shared/src/domain/localized';

/** Most queries per batch request (API.md: `POST /api/aggregates/batch` takes at most 200). */
export const MAX_BATCH = 200;

export interface FunctionErrors {
  /** A bad argument: Excel's #VALUE!. */
  invalid(message: string): Error;
  /** No answer to give (not reported, not signed in, server unreachable): Excel's #N/A. */
  notAvailable(message: string): Error;
}

export interface EngineOptions {
  baseUrl: string;
  fetchImpl: typeof fetch;
  getToken: () => string | null;
  getLang: () => Lang;
  errors: FunctionErrors;
  /** How long calls are gathered before one request goes out. */
  batchDelayMs?: number;
  /** A request not answered by then fails its cells with #N/A. */
  timeoutMs?: number;
  /** How long answers are reused. */
  cacheMs?: number;
  now?: () => number;
}

interface CatalogueIndex {
  metrics: Map<string, string>;
  departments: Map<string, { departmentId: string; metrics: string[] }>;
}

interface AggregateQuery {
  from: string;
  to: string;
  departmentId?: string;
  metricId?: string;
}

interface AggregateAnswer {
  totals: Totals;
  completeness: { expected: number; received: number };
}

interface Pending {
  key: string;
  query: AggregateQuery;
  resolve: (answer: AggregateAnswer) => void;
  reject: (error: Error) => void;
}

const STATUS_TEXT: Record<Lang, Record<'submitted' | 'late' | 'missing', string>> = {
  'zh-CN': { submitted: '已提交', late: '逾期提交', missing: '未提交' },
  en: { submitted: 'submitted', late: 'late', missing: 'missing' },
};

function msg(lang: Lang, zh: string, en: string): string {
  return lang === 'en' ? en : zh;
}

/** Excel's serial day number (1900 date system) of 1970-01-01. */
const EXCEL_EPOCH_SERIAL = 25569;

/**
 * A month from what a person types in a cell: `2020-07`, `2020/7`, `2020年7月`, `2020.07`, or a date
 * (Excel passes dates as serial numbers). Null when it is none of these.
 */
export function periodFromArgument(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    if (value < 1 || value > 2958465) return null;
    const date = new Date(Math.round((value - EXCEL_EPOCH_SERIAL) * 86_400_000));
    return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
  }
  if (typeof value !== 'string') return null;
  const m = /^\s*(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*(?:月|[-/.]\d{1,2}日?)?\s*$/.exec(value);
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return `${m[1]}-${String(month).padStart(2, '0')}`;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export type FunctionsEngine = ReturnType<typeof createFunctionsEngine>;

export function createFunctionsEngine(options: EngineOptions) {
  const batchDelayMs = options.batchDelayMs ?? 25;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const cacheMs = options.cacheMs ?? 60_000;
  const now = options.now ?? (() => Date.now());
  const { errors } = options;

  const cache = new Map<string, { expires: number; value: Promise<unknown> }>();
  let pending: Pending[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** Requests sent, by kind: what the tests count. */
  const requests = { batch: 0, completeness: 0, catalogue: 0 };

  const lang = () => options.getLang();

  /** Reuses a fresh answer (or one in flight); failures are not kept, so the next calculation retries. */
  function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    if (hit && hit.expires > now()) return hit.value as Promise<T>;
    const value = load();
    cache.set(key, { expires: now() + cacheMs, value });
    value.catch(() => {
      if (cache.get(key)?.value === value) cache.delete(key);
    });
    return value;
  }

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const token = options.getToken();
    if (!token) {
      throw errors.notAvailable(
        msg(
          lang(),
          '请先在“法治建设月报”任务窗格中登录，然后点“刷新公式数据”。',
          'Sign in in the Rule-of-law report task pane first, then click "Refresh figures".',
        ),
      );
    }
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), timeoutMs);
    let response: Response;
    try {
      response = await options.fetchImpl(`${options.baseUrl}${path}`, {
        method,
        headers: {
          Accept: 'application/json',
          'Accept-Language': lang(),
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
      });
    } catch {
      throw errors.notAvailable(
        controller.signal.aborted
          ? msg(
              lang(),
              `服务器 ${timeoutMs / 1000} 秒内没有应答，请稍后点“刷新公式数据”。`,
              `The server did not answer within ${timeoutMs / 1000} s; click "Refresh figures" later.`,
            )
          : msg(lang(), '无法连接服务器，请检查网络。', 'Cannot reach the server; check the network.'),
      );
    } finally {
      clearTimeout(timeout);
    }
    const text = await response.text().catch(() => '');
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (!response.ok) {
      if (response.status === 401) {
        throw errors.notAvailable(
          msg(
            lang(),
            '登录已过期，请在任务窗格中重新登录。',
            'Your sign-in has expired; sign in again in the task pane.',
          ),
        );
      }
      throw problemError(parsed as Partial<ProblemBody> | null, response.status);
    }
    return parsed as T;
  }

  function problemError(problem: Partial<ProblemBody> | null, status: number): Error {
    const detail = problem?.detail || problem?.title || `HTTP ${status}`;
    const fields = (problem?.errors ?? []).map((e) => e.message).join(' ');
    const text = fields && !detail.includes(fields) ? `${detail} ${fields}` : detail;
    return status === 400 ? errors.invalid(text) : errors.notAvailable(text);
  }

  function catalogue(): Promise<CatalogueIndex> {
    return cached('catalogue', async () => {
      requests.catalogue++;
      const [m, d] = await Promise.all([
        request<{ metrics: { metricId: string; name: Record<Lang, string> }[] }>('GET', '/api/metrics'),
        request<{ departments: { departmentId: string; name: Record<Lang, string>; metrics: string[] }[] }>(
          'GET',
          '/api/departments',
        ),
      ]);
      const index: CatalogueIndex = { metrics: new Map(), departments: new Map() };
      const norm = (s: string) => s.trim().toLowerCase();
      for (const metric of m.metrics) {
        for (const key of [metric.metricId, metric.name['zh-CN'], metric.name.en])
          index.metrics.set(norm(key), metric.metricId);
      }
      for (const dept of d.departments) {
        for (const key of [dept.departmentId, dept.name['zh-CN'], dept.name.en])
          index.departments.set(norm(key), { departmentId: dept.departmentId, metrics: dept.metrics });
      }
      return index;
    });
  }

  async function metricArg(value: unknown): Promise<string> {
    if (typeof value !== 'string' || value.trim() === '') {
      throw errors.invalid(
        msg(
          lang(),
          '请给出指标的编号或名称，例如 "legal-consultations" 或 "接待法律咨询"。',
          'Give a metric id or name, e.g. "legal-consultations".',
        ),
      );
    }
    const found = (await catalogue()).metrics.get(value.trim().toLowerCase());
    if (!found) throw errors.invalid(msg(lang(), `未知指标“${value}”。`, `Unknown metric "${value}".`));
    return found;
  }

  async function departmentArg(value: unknown, optional: boolean) {
    if (isBlank(value)) {
      if (optional) return null;
      throw errors.invalid(msg(lang(), '请给出部门的编号或名称。', 'Give a department id or name.'));
    }
    const found =
      typeof value === 'string' ? (await catalogue()).departments.get(value.trim().toLowerCase()) : undefined;
    if (!found)
      throw errors.invalid(
        msg(lang(), `未知部门“${String(value)}”。`, `Unknown department "${String(value)}".`),
      );
    return found;
  }

  function periodArg(value: unknown, name: string): string {
    const period = periodFromArgument(value);
    if (!period) {
      throw errors.invalid(
        msg(
          lang(),
          `${name}“${String(value ?? '')}”不是月份，请写成 2020-07、2020年7月或一个日期。`,
          `${name} "${String(value ?? '')}" is not a month: write 2020-07 or give a date.`,
        ),
      );
    }
    return period;
  }

  function rangeArgs(from: unknown, to: unknown): { from: string; to: string } {
    const range = {
      from: periodArg(from, msg(lang(), '起始月份', 'from')),
      to: periodArg(to, msg(lang(), '结束月份', 'to')),
    };
    if (range.from > range.to) {
      throw errors.invalid(
        msg(
          lang(),
          `起始月份 ${range.from} 晚于结束月份 ${range.to}。`,
          `from ${range.from} is after to ${range.to}.`,
        ),
      );
    }
    return range;
  }

  /**
   * Queues one aggregate question for the next batch request. Every cell first waits for the
   * catalogue (names -> ids), including cells that need no name, so that the cells of one
   * recalculation all reach the queue in the same turn, after the same catalogue answer.
   */
  async function aggregate(query: AggregateQuery): Promise<AggregateAnswer> {
    await catalogue();
    const key = `agg:${query.from}|${query.to}|${query.departmentId ?? ''}|${query.metricId ?? ''}`;
    return cached(
      key,
      () =>
        new Promise<AggregateAnswer>((resolve, reject) => {
          pending.push({ key, query, resolve, reject });
          if (timer === null) timer = setTimeout(() => void flush(), batchDelayMs);
        }),
    );
  }

  async function flush(): Promise<void> {
    timer = null;
    const queued = pending;
    pending = [];
    for (let i = 0; i < queued.length; i += MAX_BATCH) {
      const chunk = queued.slice(i, i + MAX_BATCH);
      void sendBatch(chunk);
    }
  }

  async function sendBatch(chunk: Pending[]): Promise<void> {
    try {
      requests.batch++;
      const body = await request<{ results: (AggregateAnswer | { error: ProblemBody })[] }>(
        'POST',
        '/api/aggregates/batch',
        { queries: chunk.map((p) => p.query) },
      );
      chunk.forEach((p, i) => {
        const result = body?.results?.[i];
        if (!result)
          p.reject(errors.notAvailable(msg(lang(), '服务器未回答此查询。', 'No answer for this query.')));
        else if ('error' in result) p.reject(problemError(result.error, result.error.status));
        else p.resolve(result);
      });
    } catch (error) {
      for (const p of chunk) p.reject(error as Error);
    }
  }

  function completenessOf(period: string): Promise<CompletenessResponse> {
    return cached(`completeness:${period}`, () => {
      requests.completeness++;
      return request<CompletenessResponse>('GET', `/api/completeness?period=${encodeURIComponent(period)}`);
    });
  }

  return {
    requests,
    /** Forgets every answer, so the next calculation asks the server again. */
    clear(): void {
      cache.clear();
    },

    async total(metric: unknown, from: unknown, to: unknown, department?: unknown): Promise<number> {
      const range = rangeArgs(from, to);
      const [metricId, dept] = await Promise.all([metricArg(metric), departmentArg(department, true)]);
      const answer = await aggregate({ ...range, metricId, departmentId: dept?.departmentId });
      return answer.totals[metricId] ?? 0;
    },

    async value(department: unknown, metric: unknown, period: unknown): Promise<number> {
      const p = periodArg(period, msg(lang(), '月份', 'period'));
      const [dept, metricId] = await Promise.all([departmentArg(department, false), metricArg(metric)]);
      if (!dept) throw errors.invalid('department');
      const answer = await aggregate({ from: p, to: p, departmentId: dept.departmentId, metricId });
      if (answer.completeness.received === 0) {
        throw errors.notAvailable(msg(lang(), `${p} 尚未提交。`, `Nothing has been submitted for ${p} yet.`));
      }
      return answer.totals[metricId] ?? 0;
    },

    async status(department: unknown, period: unknown): Promise<string> {
      const p = periodArg(period, msg(lang(), '月份', 'period'));
      const dept = await departmentArg(department, false);
      if (!dept) throw errors.invalid('department');
      const report = await completenessOf(p);
      const row = report.departments.find((d) => d.departmentId === dept.departmentId);
      if (!row) {
        throw errors.notAvailable(
          msg(
            lang(),
            '该部门没有需要填报的指标（或是汇总单位）。',
            'This department reports no metrics (or is a grouping unit).',
          ),
        );
      }
      return STATUS_TEXT[lang()][row.status];
    },

    async completeness(from: unknown, to: unknown, department?: unknown): Promise<number> {
      const range = rangeArgs(from, to);
      const dept = await departmentArg(department, true);
      const answer = await aggregate({ ...range, departmentId: dept?.departmentId });
      const { expected, received } = answer.completeness;
      if (expected === 0) {
        throw errors.notAvailable(
          msg(lang(), '该范围内没有应报的月报。', 'No monthly reports are expected in this range.'),
        );
      }
      return received / expected;
    },
  };
}
