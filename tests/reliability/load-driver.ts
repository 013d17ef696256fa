/**
 * The load driver shared by the load test (`npm test`, short form), the crash test and `npm run soak`
 * (long form). N clients loop until the deadline, mixing first submissions, blind revisions, revisions
 * with If-Match, reads, histories, listings and aggregates over HTTP against a running stack.
 *
 * Every write carries a unique note, so it is never an "unchanged" re-submission and its fate can be
 * traced afterwards in the revision history: acknowledged (2xx), rejected (a 4xx answer) or unknown
 * (no answer: the connection died, e.g. the server was killed mid-request).
 */

export interface LoadDepartment {
  departmentId: string;
  metrics: string[];
}

export interface LoadTarget {
  url: string;
  coordinatorToken: string;
  /** A clerk token per department: writes go through the clerk path, as in real use. */
  clerkTokens: Record<string, string>;
  departments: LoadDepartment[];
  /** Months written and read (past, unlocked). */
  periods: string[];
}

export interface LoadOptions {
  clients: number;
  durationMs: number;
  /** Stops every client early (the crash test aborts when it kills the server). */
  signal?: AbortSignal;
  /** Per-request timeout; a request without an answer counts as a network error. */
  requestTimeoutMs?: number;
  /**
   * Keep going past the deadline until this many writes were acknowledged: on a saturated shared
   * machine 10 s may carry few requests, and a proof needs a floor of real writes.
   */
  minAcknowledged?: number;
  /** Where write records go as they happen (the crash test watches it to pick its moment). */
  writes?: WriteRecord[];
}

export type WriteFate = 'acknowledged' | 'rejected' | 'unknown';

export interface WriteRecord {
  departmentId: string;
  period: string;
  note: string;
  values: Record<string, number>;
  fate: WriteFate;
  status: number | null;
  /** The version the server acknowledged. */
  version?: number;
  /** When the acknowledgement arrived (Date.now()). */
  ackedAt?: number;
}

export interface LoadReport {
  requests: number;
  elapsedMs: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  byStatus: Record<string, number>;
  /** Answers with a 5xx status. */
  serverErrors: number;
  /** Requests without an answer (connection refused/reset, timeout). */
  networkErrors: number;
  writes: WriteRecord[];
}

interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

/**
 * Values that pass every rule of the form `a <= b`, `a >= b` or `a == b`: all metrics equal. The
 * driver measures the write path, not validation (that is the hostile-input test's job).
 */
function valuesFor(dept: LoadDepartment): Record<string, number> {
  const v = Math.floor(Math.random() * 1000);
  return Object.fromEntries(dept.metrics.map((m) => [m, v]));
}

export async function runLoad(target: LoadTarget, options: LoadOptions): Promise<LoadReport> {
  const latencies: number[] = [];
  const byStatus: Record<string, number> = {};
  const writes: WriteRecord[] = options.writes ?? [];
  let networkErrors = 0;
  let seq = 0;
  const start = performance.now();
  const deadline = start + options.durationMs;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;

  const call = async (
    method: string,
    path: string,
    token: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer | null> => {
    const t = performance.now();
    try {
      const res = await fetch(`${target.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const textBody = await res.text();
      latencies.push(performance.now() - t);
      byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
      let parsed: unknown = textBody;
      try {
        parsed = textBody ? JSON.parse(textBody) : undefined;
      } catch {
        // not JSON: keep the text for the report
      }
      return { status: res.status, body: parsed, headers: res.headers };
    } catch {
      networkErrors++;
      byStatus.network = (byStatus.network ?? 0) + 1;
      return null;
    }
  };

  const write = async (client: number, dept: LoadDepartment, period: string, ifMatch?: number) => {
    const record: WriteRecord = {
      departmentId: dept.departmentId,
      period,
      note: `load c${client} #${seq++} ${Math.random().toString(36).slice(2, 8)}`,
      values: valuesFor(dept),
      fate: 'unknown',
      status: null,
    };
    writes.push(record);
    const res = await call(
      'PUT',
      `/api/submissions/${dept.departmentId}/${period}`,
      target.clerkTokens[dept.departmentId] as string,
      { values: record.values, note: record.note },
      ifMatch === undefined ? {} : { 'if-match': `"${ifMatch}"` },
    );
    if (!res) return;
    record.status = res.status;
    if (res.status === 200 || res.status === 201) {
      record.fate = 'acknowledged';
      record.ackedAt = Date.now();
      record.version = (res.body as { version: number }).version;
    } else if (res.status >= 400 && res.status < 500) {
      record.fate = 'rejected';
    }
    // A 5xx stays "unknown": the test fails on it anyway, and it says nothing about what was stored.
  };

  const step = async (client: number) => {
    const dept = pick(target.departments);
    const period = pick(target.periods);
    const coord = target.coordinatorToken;
    const r = Math.random();
    if (r < 0.4) {
      await write(client, dept, period);
    } else if (r < 0.55) {
      // An edit as the add-in does it: read the current revision, send it back with If-Match.
      const current = await call(
        'GET',
        `/api/submissions/${dept.departmentId}/${period}`,
        target.clerkTokens[dept.departmentId] as string,
      );
      if (current?.status === 200)
        await write(client, dept, period, (current.body as { version: number }).version);
    } else if (r < 0.72) {
      await call('GET', `/api/submissions/${dept.departmentId}/${period}`, coord);
    } else if (r < 0.9) {
      const from = pick(target.periods);
      const to = pick(target.periods.filter((p) => p >= from));
      const groupBy = Math.random() < 0.5 ? '&groupBy=department' : '';
      await call('GET', `/api/aggregates?from=${from}&to=${to}${groupBy}`, coord);
    } else if (r < 0.95) {
      await call('GET', `/api/submissions/${dept.departmentId}/${period}/history`, coord);
    } else {
      await call('GET', `/api/submissions?period=${period}`, coord);
    }
  };

  await Promise.all(
    Array.from({ length: options.clients }, async (_, client) => {
      const acknowledged = () => writes.filter((w) => w.fate === 'acknowledged').length;
      while (
        (performance.now() < deadline || acknowledged() < (options.minAcknowledged ?? 0)) &&
        !options.signal?.aborted
      )
        await step(client);
    }),
  );
  const elapsedMs = performance.now() - start;
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  const serverErrors = Object.entries(byStatus)
    .filter(([s]) => Number(s) >= 500)
    .reduce((n, [, c]) => n + c, 0);
  return {
    requests: latencies.length + networkErrors,
    elapsedMs,
    requestsPerSecond: (latencies.length / elapsedMs) * 1000,
    p50: at(0.5),
    p99: at(0.99),
    byStatus,
    serverErrors,
    networkErrors,
    writes,
  };
}

export interface WriteCheck {
  /** Acknowledged writes missing from the history, or stored with other values or version. */
  lost: string[];
  /** Rejected writes that are in the history anyway. */
  phantom: string[];
  /** Department-months whose current revision is not the last revision of their history. */
  inconsistent: string[];
  /** Department-months whose versions are not 1..n without gaps. */
  gaps: string[];
  /** Sum of the current revisions per metric over the target's periods (to compare with aggregates). */
  currentTotals: Record<string, number>;
  checkedKeys: number;
}

/**
 * Reads back every department-month the load touched and checks each write's fate against the
 * revision history: every acknowledged write is there with its version and values, no rejected one
 * is, versions have no gaps, and the current revision is the last one.
 */
export async function checkWrites(target: LoadTarget, writes: WriteRecord[]): Promise<WriteCheck> {
  const get = async (path: string) => {
    const res = await fetch(`${target.url}${path}`, {
      headers: { authorization: `Bearer ${target.coordinatorToken}` },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const out: WriteCheck = {
    lost: [],
    phantom: [],
    inconsistent: [],
    gaps: [],
    currentTotals: {},
    checkedKeys: 0,
  };
  const byKey = new Map<string, WriteRecord[]>();
  for (const w of writes) {
    const key = `${w.departmentId}/${w.period}`;
    byKey.set(key, [...(byKey.get(key) ?? []), w]);
  }
  type Rev = { version: number; values: Record<string, number>; note: string | null };
  const keys = [...byKey.keys()];
  for (let i = 0; i < keys.length; i += 8) {
    await Promise.all(
      keys.slice(i, i + 8).map(async (key) => {
        const history = await get(`/api/submissions/${key}/history`);
        const revisions: Rev[] = history.status === 200 ? (history.body.revisions as Rev[]) : [];
        const byNote = new Map(revisions.map((r) => [r.note, r]));
        for (const w of byKey.get(key) ?? []) {
          const stored = byNote.get(w.note);
          if (w.fate === 'acknowledged') {
            if (!stored || stored.version !== w.version || !sameNumbers(stored.values, w.values))
              out.lost.push(
                `${key} "${w.note}" v${w.version}: stored ${stored ? `v${stored.version} ${JSON.stringify(stored.values)}` : 'nothing'}; ` +
                  `history ${revisions.map((r) => `v${r.version} "${r.note}"`).join(', ')}; ` +
                  `writes ${(byKey.get(key) ?? []).map((x) => `"${x.note}" ${x.fate} ${x.status ?? ''} v${x.version ?? '-'}`).join(', ')}`,
              );
          } else if (w.fate === 'rejected' && stored) {
            out.phantom.push(`${key} "${w.note}" (answered ${w.status})`);
          }
        }
        if (revisions.some((r, idx) => r.version !== idx + 1)) out.gaps.push(key);
        const current = await get(`/api/submissions/${key}`);
        const last = revisions[revisions.length - 1];
        if (last && (current.status !== 200 || current.body.version !== last.version))
          out.inconsistent.push(key);
        if (!last && current.status !== 404) out.inconsistent.push(key);
        out.checkedKeys++;
      }),
    );
  }
  // Totals over every current revision of the target's periods, including ones the load did not touch.
  for (const period of target.periods) {
    const list = await get(`/api/submissions?period=${period}`);
    for (const s of list.body.submissions as { values: Record<string, number> }[]) {
      for (const [m, v] of Object.entries(s.values)) out.currentTotals[m] = (out.currentTotals[m] ?? 0) + v;
    }
  }
  return out;
}

function sameNumbers(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** One line for the test output and the soak: what a reader of docs/performance.md needs. */
export function describeLoad(label: string, clients: number, r: LoadReport): string {
  const acked = r.writes.filter((w) => w.fate === 'acknowledged').length;
  const rejected = r.writes.filter((w) => w.fate === 'rejected').length;
  return (
    `${label}: ${clients} clients, ${(r.elapsedMs / 1000).toFixed(1)} s, ${r.requests} requests, ` +
    `${r.requestsPerSecond.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms; ` +
    `writes ${acked} acknowledged / ${rejected} rejected / ${r.writes.length - acked - rejected} unknown; ` +
    `statuses ${JSON.stringify(r.byStatus)}`
  );
}

/**
 * The organisation the load runs on: a street of `size` departments with two metrics each and an
 * error-severity rule between them, written through the API like a coordinator would.
 */
export async function seedLoadCatalog(url: string, adminToken: string, size = 12): Promise<LoadDepartment[]> {
  const put = async (path: string, body: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  };
  const name = (zh: string, en: string) => ({ 'zh-CN': zh, en });
  await put('/api/metrics/requests', { name: name('受理申请', 'Requests'), unit: name('件', 'cases') });
  await put('/api/metrics/answered', { name: name('已答复', 'Answered'), unit: name('件', 'cases') });
  await put('/api/rules/answered-le-requests', {
    left: 'answered',
    op: '<=',
    right: 'requests',
    severity: 'error',
    message: name('答复数不能多于受理数。', 'Answered cannot exceed requests.'),
  });
  await put('/api/departments/load-street', {
    name: name('街道', 'Street'),
    parentId: null,
    metrics: [],
    contacts: [],
  });
  const departments: LoadDepartment[] = [];
  for (let i = 0; i < size; i++) {
    const departmentId = `load-d${i}`;
    await put(`/api/departments/${departmentId}`, {
      name: name(`部门${i}`, `Dept ${i}`),
      parentId: 'load-street',
      metrics: ['requests', 'answered'],
      contacts: [],
    });
    departments.push({ departmentId, metrics: ['requests', 'answered'] });
  }
  return departments;
}
