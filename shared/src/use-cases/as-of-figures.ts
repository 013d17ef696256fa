import type { AggregateResponse, Totals } from '../contract/api-types';
import { type DepartmentMonthHistory, needsHistory, revisionAt } from '../domain/as-of';
import type { StoredDepartment } from '../domain/catalog';
import { listPeriods, type Period } from '../domain/period';
import type { Revision } from '../domain/submission';
import type { Deps } from './deps';
import { mapLimit } from './map-limit';

/** Reads in flight while collecting a scope's history (one client should not flood the table). */
const READ_CONCURRENCY = 8;

export interface ScopedHistory {
  /** Every department of the scope (the unit's subtree, or the whole organisation), from today's tree. */
  departments: StoredDepartment[];
  entries: (DepartmentMonthHistory & { departmentId: string; period: Period })[];
}

/**
 * The submissions of a scope over a month range, with enough history to answer for each instant in
 * `instants`. Counters only know the present, so figures "as of" a moment are recomputed from the
 * immutable revisions: one query per department, plus one per department-month whose current
 * revision is newer than the earliest instant asked about (usually few: corrections are rare).
 * Membership of the subtree follows today's department tree.
 */
export async function loadScopedHistory(
  unit: StoredDepartment | null,
  from: Period,
  to: Period,
  instants: readonly Date[],
  deps: Pick<Deps, 'catalog' | 'submissions'>,
): Promise<ScopedHistory> {
  const all = await deps.catalog.listDepartments();
  const departments = unit
    ? all.filter((d) => d.departmentId === unit.departmentId || d.ancestors.includes(unit.departmentId))
    : all;
  const currents = (
    await mapLimit(departments, READ_CONCURRENCY, (d) => deps.submissions.listForDepartment(d.departmentId))
  )
    .flat()
    .filter((s) => s.period >= from && s.period <= to);
  const entries = await mapLimit(currents, READ_CONCURRENCY, async (current) => {
    const entry: ScopedHistory['entries'][number] = {
      current,
      departmentId: current.departmentId,
      period: current.period,
    };
    if (instants.some((at) => needsHistory(current, at))) {
      entry.revisions = await deps.submissions.listRevisions(current.departmentId, current.period);
    }
    return entry;
  });
  return { departments, entries };
}

/** The totals of `entries` as they stood at `at`, every catalogue metric present (0 when nothing). */
export function totalsAt(
  entries: readonly ScopedHistory['entries'][number][],
  at: Date,
  metricIds: readonly string[],
): { totals: Totals; received: number } {
  const totals: Totals = {};
  for (const id of metricIds) totals[id] = 0;
  let received = 0;
  for (const entry of entries) {
    const revision = revisionAt(entry, at);
    if (!revision) continue;
    received++;
    for (const [m, v] of Object.entries(revision.values)) totals[m] = (totals[m] ?? 0) + v;
  }
  return { totals, received };
}

/** Every revision of a department-month that is known (the current one alone when no history was read). */
export function knownRevisions(entry: DepartmentMonthHistory): Revision[] {
  return entry.revisions ?? [entry.current];
}

/**
 * The aggregate response of /api/aggregates as it stood at `asOf`: same shape, totals and groups from
 * the revisions in force then. `expected` follows today's catalogue (who must report is not versioned).
 */
export async function aggregateAsOf(
  args: {
    unit: StoredDepartment | null;
    from: Period;
    to: Period;
    groupBy?: 'department' | 'month';
    asOf: Date;
    metricIds: readonly string[];
    expectedPerMonth: number;
  },
  deps: Pick<Deps, 'catalog' | 'submissions'>,
): Promise<AggregateResponse> {
  const { unit, from, to, asOf, metricIds, expectedPerMonth } = args;
  const history = await loadScopedHistory(unit, from, to, [asOf], deps);
  const months = listPeriods(from, to);
  const overall = totalsAt(history.entries, asOf, metricIds);
  const response: AggregateResponse = {
    from,
    to,
    departmentId: unit?.departmentId ?? null,
    asOf: asOf.toISOString(),
    totals: overall.totals,
    completeness: { expected: expectedPerMonth * months.length, received: overall.received },
  };
  if (args.groupBy === 'month') {
    response.groups = months.map((period) => {
      const t = totalsAt(
        history.entries.filter((e) => e.period === period),
        asOf,
        metricIds,
      );
      return {
        key: period,
        totals: t.totals,
        completeness: { expected: expectedPerMonth, received: t.received },
      };
    });
  } else if (args.groupBy === 'department') {
    const children = await deps.catalog.listChildren(unit?.departmentId ?? null);
    const groupUnits = children.length > 0 || !unit ? children : [unit];
    response.groups = groupUnits
      .sort((a, b) => a.departmentId.localeCompare(b.departmentId))
      .map((child) => {
        const inside = new Set(
          history.departments
            .filter((d) => d.departmentId === child.departmentId || d.ancestors.includes(child.departmentId))
            .map((d) => d.departmentId),
        );
        const t = totalsAt(
          history.entries.filter((e) => inside.has(e.departmentId)),
          asOf,
          metricIds,
        );
        return {
          key: child.departmentId,
          totals: t.totals,
          completeness: { expected: child.reportingCount * months.length, received: t.received },
        };
      });
  }
  return response;
}
