import type { CompletenessResponse } from '../contract/api-types';
import { assertPeriod } from '../domain/period';
import type { Principal } from '../domain/principal';
import type { Deps } from './deps';
import { resolveScope } from './load-department';
import { dueDateFor } from './manage-calendar';

/** Who has reported a month: every department with metrics in the caller's scope, submitted / late / missing. */
export async function getCompleteness(
  principal: Principal,
  query: { period?: string; departmentId?: string },
  deps: Deps,
): Promise<CompletenessResponse> {
  const period = assertPeriod('period', query.period);
  const unit = await resolveScope(principal, query.departmentId, deps);
  const [departments, submissions] = await Promise.all([
    deps.catalog.listDepartments(),
    deps.submissions.listByPeriod(period),
  ]);
  const byDept = new Map(submissions.map((s) => [s.departmentId, s]));
  const inScope = departments.filter(
    (d) =>
      d.metrics.length > 0 &&
      (!unit || d.departmentId === unit.departmentId || d.ancestors.includes(unit.departmentId)),
  );
  return {
    period,
    dueDate: await dueDateFor(period, deps),
    departments: inScope
      .sort((a, b) => a.departmentId.localeCompare(b.departmentId))
      .map((d) => {
        const s = byDept.get(d.departmentId);
        if (!s) return { departmentId: d.departmentId, status: 'missing' as const };
        return {
          departmentId: d.departmentId,
          status: s.late ? ('late' as const) : ('submitted' as const),
          submittedAt: s.firstSubmittedAt,
        };
      }),
  };
}
