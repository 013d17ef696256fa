import type { Totals } from '../contract/api-types';
import type { StoredDepartment } from '../domain/catalog';
import { DomainError, InvalidRequestError, invalid } from '../domain/errors';
import { assertId } from '../domain/ids';
import { text } from '../domain/localized';
import { assertRange, countPeriods, type Period } from '../domain/period';
import type { Principal } from '../domain/principal';
import { type CounterRow, ORG_UNIT } from '../ports/submission-store';
import { aggregateRange, reportingCount, sumRows } from './aggregate-range';
import type { Deps } from './deps';
import { resolveScope } from './load-department';
import { mapLimit } from './map-limit';

/** API.md: at most this many queries per batch (a recalculation of 200 formula cells is one request). */
export const MAX_BATCH_QUERIES = 200;

const QUERY_KEYS = new Set(['from', 'to', 'departmentId', 'metricId', 'asOf']);

/** Counter reads in flight for one batch. */
const READ_CONCURRENCY = 8;

export interface BatchAnswer {
  totals: Totals;
  completeness: { expected: number; received: number };
}

/** Each query's answer, or the domain error it would have got from /api/aggregates; same order. */
export type BatchOutcome = BatchAnswer | { error: DomainError };

interface Prepared {
  index: number;
  from: Period;
  to: Period;
  unit: StoredDepartment | null;
  metricId?: string;
  asOf?: string;
}

/**
 * Many aggregate questions in one request (the Excel custom functions send a recalculation's cells
 * together). Each query follows the rules of /api/aggregates, authorization included, and fails
 * alone; reads are shared: one catalogue read, one scope check per department, and one counter
 * read per unit covering every range asked of it.
 */
export async function aggregateBatch(
  principal: Principal,
  queries: readonly unknown[],
  deps: Deps,
): Promise<BatchOutcome[]> {
  if (queries.length > MAX_BATCH_QUERIES) {
    throw new InvalidRequestError(
      text(
        `一次最多 ${MAX_BATCH_QUERIES} 个查询，收到 ${queries.length} 个。`,
        `At most ${MAX_BATCH_QUERIES} queries per batch; got ${queries.length}.`,
      ),
      [
        {
          field: 'queries',
          message: text(
            `请分成每批不超过 ${MAX_BATCH_QUERIES} 个。`,
            `Split them into batches of ${MAX_BATCH_QUERIES} or fewer.`,
          ),
        },
      ],
    );
  }
  const metrics = await deps.catalog.listMetrics();
  const metricIds = metrics.map((m) => m.metricId);
  const known = new Set(metricIds);
  const scopes = new Map<string, Promise<StoredDepartment | null>>();
  const scopeOf = (departmentId: string | undefined) => {
    const key = departmentId ?? '';
    let found = scopes.get(key);
    if (!found) {
      found = resolveScope(principal, departmentId, deps);
      scopes.set(key, found);
    }
    return found;
  };

  const outcomes: BatchOutcome[] = new Array(queries.length);
  const prepared: Prepared[] = [];
  await Promise.all(
    queries.map(async (raw, index) => {
      try {
        const q = readQuery(raw);
        const { from, to } = assertRange(q.from, q.to);
        if (q.metricId !== undefined) {
          assertId('metricId', q.metricId);
          if (!known.has(q.metricId)) {
            throw invalid('metricId', `未知指标“${q.metricId}”。`, `Unknown metric "${q.metricId}".`);
          }
        }
        const unit = await scopeOf(q.departmentId);
        prepared.push({ index, from, to, unit, metricId: q.metricId, asOf: q.asOf });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        outcomes[index] = { error: err };
      }
    }),
  );

  const pick = (totals: Totals, metricId: string | undefined): Totals =>
    metricId === undefined ? totals : { [metricId]: totals[metricId] ?? 0 };

  // "As of" queries need the revision history, not the counters: answered one by one.
  const historical = prepared.filter((p) => p.asOf !== undefined);
  await mapLimit(historical, READ_CONCURRENCY, async (p) => {
    try {
      const answer = await aggregateRange(
        principal,
        { from: p.from, to: p.to, departmentId: p.unit?.departmentId, asOf: p.asOf },
        deps,
      );
      outcomes[p.index] = { totals: pick(answer.totals, p.metricId), completeness: answer.completeness };
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      outcomes[p.index] = { error: err };
    }
  });

  const live = prepared.filter((p) => p.asOf === undefined);
  const byUnit = new Map<string, Prepared[]>();
  for (const p of live) {
    const unitId = p.unit?.departmentId ?? ORG_UNIT;
    byUnit.set(unitId, [...(byUnit.get(unitId) ?? []), p]);
  }
  // Expected reports per month for the whole organisation: read once, only if some query needs it.
  let orgExpected: Promise<number> | undefined;
  const organisationExpected = () => {
    orgExpected ??= reportingCount(null, deps);
    return orgExpected;
  };
  await mapLimit([...byUnit.entries()], READ_CONCURRENCY, async ([unitId, group]) => {
    // One read per unit over the union of its ranges (one counter item per month, so this stays small).
    // YYYY-MM sorts lexically == chronologically.
    const from = group.map((p) => p.from).sort()[0] ?? '';
    const to =
      group
        .map((p) => p.to)
        .sort()
        .at(-1) ?? '';
    const unit = group[0]?.unit ?? null;
    const [rows, perMonth] = await Promise.all([
      deps.submissions.readCounters(unitId, from, to),
      unit ? Promise.resolve(unit.reportingCount) : organisationExpected(),
    ]);
    for (const p of group) {
      const inRange: CounterRow[] = rows.filter((r) => r.period >= p.from && r.period <= p.to);
      outcomes[p.index] = {
        totals: pick(sumRows(inRange, metricIds), p.metricId),
        completeness: {
          expected: perMonth * countPeriods(p.from, p.to),
          received: inRange.reduce((n, r) => n + r.received, 0),
        },
      };
    }
  });
  return outcomes;
}

function readQuery(raw: unknown): {
  from?: string;
  to?: string;
  departmentId?: string;
  metricId?: string;
  asOf?: string;
} {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalid('query', '每个查询必须是一个对象。', 'Each query must be an object.');
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!QUERY_KEYS.has(key)) {
      throw invalid(
        key.slice(0, 64),
        `不认识的字段“${key.slice(0, 64)}”（可用：from、to、departmentId、metricId、asOf）。`,
        `Unknown field "${key.slice(0, 64)}" (allowed: from, to, departmentId, metricId, asOf).`,
      );
    }
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') {
      throw invalid(key, `字段“${key}”必须是字符串。`, `Field "${key}" must be a string.`);
    }
    out[key] = value;
  }
  return out;
}
