import type { AggregateResponse, Totals } from '../contract/api-types';
import { parseOptionalInstant } from '../domain/as-of';
import type { StoredDepartment } from '../domain/catalog';
import { invalid } from '../domain/errors';
import { assertRange, countPeriods, listPeriods } from '../domain/period';
import type { Principal } from '../domain/principal';
import { type CounterRow, ORG_UNIT } from '../ports/submission-store';
import { aggregateAsOf } from './as-of-figures';
import type { Deps } from './deps';
import { resolveScope } from './load-department';

export interface AggregateQuery {
  from?: string;
  to?: string;
  departmentId?: string;
  groupBy?: string;
  /** ISO time: the figures as they stood then, from the revision history (API.md). */
  asOf?: string;
}

/**
 * Totals over a month range for a unit's subtree, from the pre-aggregated monthly counters: one
 * item per month, whatever the number of departments and revisions.
 */
export async function aggregateRange(
  principal: Principal,
  query: AggregateQuery,
  deps: Deps,
): Promise<AggregateResponse> {
  const { from, to } = assertRange(query.from, query.to);
  if (query.groupBy !== undefined && query.groupBy !== 'department' && query.groupBy !== 'month') {
    throw invalid('groupBy', 'groupBy 只能是 department 或 month。', 'groupBy must be department or month.');
  }
  const asOf = parseOptionalInstant('asOf', query.asOf);
  const unit = await resolveScope(principal, query.departmentId, deps);
  if (asOf) {
    const [metrics, expectedPerMonth] = await Promise.all([
      deps.catalog.listMetrics(),
      reportingCount(unit, deps),
    ]);
    const groupBy = query.groupBy as 'department' | 'month' | undefined;
    const metricIds = metrics.map((m) => m.metricId);
    return aggregateAsOf({ unit, from, to, groupBy, asOf, metricIds, expectedPerMonth }, deps);
  }
  const unitId = unit?.departmentId ?? ORG_UNIT;
  const months = countPeriods(from, to);
  const [metrics, rows, expectedPerMonth] = await Promise.all([
    deps.catalog.listMetrics(),
    deps.submissions.readCounters(unitId, from, to),
    reportingCount(unit, deps),
  ]);
  const metricIds = metrics.map((m) => m.metricId);
  const response: AggregateResponse = {
    from,
    to,
    departmentId: unit?.departmentId ?? null,
    totals: sumRows(rows, metricIds),
    completeness: { expected: expectedPerMonth * months, received: rows.reduce((n, r) => n + r.received, 0) },
  };
  if (query.groupBy === 'month') {
    const byPeriod = new Map(rows.map((r) => [r.period, r]));
    response.groups = listPeriods(from, to).map((period) => {
      const row = byPeriod.get(period);
      return {
        key: period,
        totals: sumRows(row ? [row] : [], metricIds),
        completeness: { expected: expectedPerMonth, received: row?.received ?? 0 },
      };
    });
  } else if (query.groupBy === 'department') {
    const children = await deps.catalog.listChildren(unit?.departmentId ?? null);
    const groupUnits = children.length > 0 || !unit ? children : [unit];
    response.groups = await Promise.all(
      groupUnits
        .sort((a, b) => a.departmentId.localeCompare(b.departmentId))
        .map(async (child) => {
          const childRows = await deps.submissions.readCounters(child.departmentId, from, to);
          return {
            key: child.departmentId,
            totals: sumRows(childRows, metricIds),
            completeness: {
              expected: child.reportingCount * months,
              received: childRows.reduce((n, r) => n + r.received, 0),
            },
          };
        }),
    );
  }
  return response;
}

/** Reports expected per month in a unit's subtree (the whole organisation when null). */
export async function reportingCount(
  unit: StoredDepartment | null,
  deps: Pick<Deps, 'catalog'>,
): Promise<number> {
  if (unit) return unit.reportingCount;
  const roots = await deps.catalog.listChildren(null);
  return roots.reduce((n, r) => n + r.reportingCount, 0);
}

export function sumRows(rows: readonly CounterRow[], metricIds: readonly string[]): Totals {
  const totals: Totals = {};
  for (const id of metricIds) totals[id] = 0;
  for (const row of rows) {
    for (const [m, v] of Object.entries(row.totals)) totals[m] = (totals[m] ?? 0) + v;
  }
  return totals;
}
