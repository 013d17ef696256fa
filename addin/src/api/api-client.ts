/**
 * The add-in's only door to the backend (../shared/API.md). Every failure becomes either an ApiProblem
 * (the server's problem+json, already in the user's language thanks to Accept-Language) or a
 * NetworkError (no answer at all), so views can show a sentence and a retry, never a blank pane.
 */
import type {
  AggregateResponse,
  CompletenessResponse,
  DepartmentsResponse,
  HistoryResponse,
  MetricsResponse,
  PeriodResponse,
  ProblemBody,
  RulesResponse,
  SubmissionResponse,
  SubmissionsResponse,
  YearEndResponse,
} from '../../../shared/src/contract/api-types';
import type { Lang } from '../../../shared/src/domain/localized';

export interface DevIdentity {
  sub: string;
  name: string;
  role: 'clerk' | 'coordinator';
  departmentId: string | null;
  label: { 'zh-CN': string; en: string };
}

export class ApiProblem extends Error {
  readonly problem: ProblemBody;
  constructor(problem: ProblemBody) {
    super(problem.detail || problem.title);
    this.name = 'ApiProblem';
    this.problem = problem;
  }
  /** The stable code of `/problems/<code>`. */
  get code(): string {
    return this.problem.type.replace(/^.*\/problems\//, '');
  }
  get status(): number {
    return this.problem.status;
  }
}

export class NetworkError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('network error', options);
    this.name = 'NetworkError';
  }
}

export interface ApiClientOptions {
  baseUrl: string;
  getToken: () => string | null | Promise<string | null>;
  getLang: () => Lang;
  fetchImpl?: typeof fetch;
  /** Called on 401, so the pane can send the user back to sign-in. */
  onUnauthorized?: () => void;
}

export interface SubmitResult {
  submission: SubmissionResponse;
  created: boolean;
}

export interface RemindersResult {
  period: string;
  sent: { departmentId: string | null; channel: string; kind: 'reminder' | 'escalation' }[];
  /** Extensions of the local/deployed server: the schedule's stage that day (null: not a reminder day)… */
  stage?: string | null;
  dueDate?: string;
  /** …and missing departments that have no contact to remind. */
  unreachable?: string[];
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** `GET /api/calendar/{year}` (API.md "Working-day calendar"). */
export interface CalendarYear {
  year: number;
  source: 'official' | 'override' | 'fallback';
  holidays: string[];
  workdays: string[];
}

/** `GET /api/health`: `warnings` and `calendarFallbackYears` when a year's due dates are only a guess. */
export interface HealthResponse {
  status: string;
  warnings?: string[];
  calendarFallbackYears?: number[];
}

/** A file the server sent (exports): its bytes and the name it suggests. */
export interface DownloadedFile {
  bytes: Uint8Array;
  fileName: string;
  contentType: string;
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The file name of a Content-Disposition header: RFC 5987 `filename*` (Chinese names) first. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the ASCII name
    }
  }
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? fallback;
}

export interface ExportQuery {
  from: string;
  to: string;
  departmentId?: string | null;
  groupBy?: 'department' | 'month' | null;
  lang: Lang;
}

export function createApiClient(options: ApiClientOptions) {
  const doFetch = options.fetchImpl ?? ((...args: Parameters<typeof fetch>) => fetch(...args));

  /** Sends one request; any non-2xx answer becomes an ApiProblem, no answer a NetworkError. */
  async function send(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<Response> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Accept-Language': options.getLang(),
      ...extraHeaders,
    };
    const token = await options.getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${options.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (cause) {
      throw new NetworkError({ cause });
    }
    if (response.ok) return response;
    const problem = parseJson(await response.text().catch(() => '')) as Partial<ProblemBody> | null;
    if (response.status === 401) options.onUnauthorized?.();
    throw new ApiProblem({
      type: typeof problem?.type === 'string' ? problem.type : `/problems/http-${response.status}`,
      title: problem?.title ?? response.statusText,
      status: response.status,
      detail: problem?.detail ?? '',
      errors: Array.isArray(problem?.errors) ? problem.errors : undefined,
    });
  }

  async function request<T>(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<{ status: number; body: T }> {
    const response = await send(method, path, body, extraHeaders);
    return { status: response.status, body: parseJson(await response.text().catch(() => '')) as T };
  }

  const get = async <T>(path: string) => (await request<T>('GET', path)).body;
  const q = (params: Record<string, string | undefined | null>) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
    return search.toString();
  };
  const enc = encodeURIComponent;

  return {
    devIdentities: () => get<{ identities: DevIdentity[] }>('/api/dev/identities'),
    devToken: async ({
      sub,
      name,
      role,
      departmentId,
    }: Pick<DevIdentity, 'sub' | 'name' | 'role' | 'departmentId'>) =>
      // Only the claims: the route's schema is strict (a chooser label would be refused).
      (await request<{ token: string }>('POST', '/api/dev/token', { sub, name, role, departmentId })).body
        .token,
    metrics: () => get<MetricsResponse>('/api/metrics'),
    departments: () => get<DepartmentsResponse>('/api/departments'),
    rules: () => get<RulesResponse>('/api/rules'),
    /** Every current submission of a month (a clerk: only their own). */
    submissions: (period: string) => get<SubmissionsResponse>(`/api/submissions?${q({ period })}`),
    /**
     * The current revision, or null when nothing was submitted yet. Asked through the period's list
     * (always 200) rather than GET /api/submissions/{d}/{p}, whose 404 for "not yet" the browser would
     * log as an error on every month a clerk opens.
     */
    submission: async (departmentId: string, period: string): Promise<SubmissionResponse | null> => {
      const list = await get<SubmissionsResponse>(`/api/submissions?${q({ period })}`);
      return list.submissions.find((s) => s.departmentId === departmentId) ?? null;
    },
    submit: async (
      departmentId: string,
      period: string,
      body: { values: Record<string, number>; note?: string | null },
      ifMatchVersion?: number,
    ): Promise<SubmitResult> => {
      const headers: Record<string, string> = ifMatchVersion ? { 'If-Match': `"${ifMatchVersion}"` } : {};
      const r = await request<SubmissionResponse>(
        'PUT',
        `/api/submissions/${enc(departmentId)}/${enc(period)}`,
        body,
        headers,
      );
      return { submission: r.body, created: r.status === 201 };
    },
    history: (departmentId: string, period: string) =>
      get<HistoryResponse>(`/api/submissions/${enc(departmentId)}/${enc(period)}/history`),
    completeness: (period: string) => get<CompletenessResponse>(`/api/completeness?${q({ period })}`),
    period: (period: string) => get<PeriodResponse>(`/api/periods/${enc(period)}`),
    lock: async (period: string) => {
      await request('PUT', `/api/periods/${enc(period)}/lock`);
    },
    unlock: async (period: string) => {
      await request('DELETE', `/api/periods/${enc(period)}/lock`);
    },
    aggregates: (p: {
      from: string;
      to: string;
      departmentId?: string | null;
      groupBy?: 'department' | 'month' | null;
    }) =>
      get<AggregateResponse>(
        `/api/aggregates?${q({ from: p.from, to: p.to, departmentId: p.departmentId, groupBy: p.groupBy })}`,
      ),
    /** With `asOf` (and `compareAsOf`, e.g. `now`): "as reported" then, against "as corrected" later. */
    yearEnd: (p: {
      from: string;
      to: string;
      lang: Lang;
      departmentId?: string | null;
      asOf?: string | null;
      compareAsOf?: string | null;
    }) =>
      get<YearEndResponse>(
        `/api/reports/year-end?${q({
          from: p.from,
          to: p.to,
          lang: p.lang,
          departmentId: p.departmentId,
          asOf: p.asOf,
          compareAsOf: p.compareAsOf,
        })}`,
      ),
    /** `GET /api/exports/{kind}`: CSV (UTF-8 with BOM) or xlsx, names in `lang`. */
    exportFile: async (
      kind: 'submissions' | 'aggregates',
      p: ExportQuery,
      format: 'csv' | 'xlsx',
    ): Promise<DownloadedFile> => {
      const query = q({
        from: p.from,
        to: p.to,
        departmentId: p.departmentId,
        groupBy: kind === 'aggregates' ? p.groupBy : null,
        lang: p.lang,
        format,
      });
      const response = await send('GET', `/api/exports/${kind}?${query}`, undefined, { Accept: '*/*' });
      return {
        bytes: new Uint8Array(await response.arrayBuffer()),
        fileName: fileNameFrom(response.headers.get('content-disposition'), `${kind}.${format}`),
        contentType: response.headers.get('content-type') ?? 'application/octet-stream',
      };
    },
    health: () => get<HealthResponse>('/api/health'),
    calendar: (year: number) => get<CalendarYear>(`/api/calendar/${year}`),
    /** Unscoped coordinator only: sets the year's holidays and weekend make-up days. */
    putCalendar: async (year: number, body: { holidays: string[]; workdays: string[] }) =>
      (await request<CalendarYear>('PUT', `/api/calendar/${year}`, body)).body,
    runReminders: async () => (await request<RemindersResult>('POST', '/api/reminders/run', {})).body,
  };
}
