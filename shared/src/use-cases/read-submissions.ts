import type { SubmissionResponse } from '../contract/api-types';
import { NotFoundError } from '../domain/errors';
import { text } from '../domain/localized';
import { assertPeriod } from '../domain/period';
import type { Principal } from '../domain/principal';
import type { RuleOutcome } from '../domain/rules';
import type { Revision, Submission } from '../domain/submission';
import type { Deps } from './deps';
import { loadDepartmentFor } from './load-department';
import { dueDateFor } from './manage-calendar';

export function toSubmissionResponse(
  s: Submission,
  dueDate: string,
  warnings: RuleOutcome[] = [],
): SubmissionResponse {
  return {
    departmentId: s.departmentId,
    period: s.period,
    version: s.version,
    values: s.values,
    note: s.note,
    submittedBy: s.submittedBy,
    ...(s.submittedByName ? { submittedByName: s.submittedByName } : {}),
    submittedAt: s.submittedAt,
    late: s.late,
    dueDate,
    warnings,
  };
}

function notSubmitted(departmentId: string, period: string): NotFoundError {
  return new NotFoundError(
    text(`${departmentId} 尚未提交 ${period} 的数据。`, `${departmentId} has not submitted ${period} yet.`),
  );
}

/** The current revision of a department-month. */
export async function getSubmission(principal: Principal, departmentId: string, period: string, deps: Deps) {
  const p = assertPeriod('period', period);
  await loadDepartmentFor(principal, departmentId, deps);
  const current = await deps.submissions.getCurrent(departmentId, p);
  if (!current) throw notSubmitted(departmentId, p);
  return toSubmissionResponse(current, await dueDateFor(p, deps));
}

/** Every revision of a department-month, oldest first. */
export async function getHistory(
  principal: Principal,
  departmentId: string,
  period: string,
  deps: Deps,
): Promise<Revision[]> {
  const p = assertPeriod('period', period);
  await loadDepartmentFor(principal, departmentId, deps);
  const revisions = await deps.submissions.listRevisions(departmentId, p);
  if (revisions.length === 0) throw notSubmitted(departmentId, p);
  return revisions;
}

/** The current submissions of a month that the caller may see (clerks: their own; scoped: their subtree). */
export async function listSubmissions(
  principal: Principal,
  period: string,
  deps: Deps,
): Promise<SubmissionResponse[]> {
  const p = assertPeriod('period', period);
  const dueDate = await dueDateFor(p, deps);
  const all = await deps.submissions.listByPeriod(p);
  let visible = all;
  if (principal.role === 'clerk') {
    visible = all.filter((s) => s.departmentId === principal.departmentId);
  } else if (principal.departmentId !== null) {
    const unit = principal.departmentId;
    const inside = new Set(
      (await deps.catalog.listDepartments())
        .filter((d) => d.departmentId === unit || d.ancestors.includes(unit))
        .map((d) => d.departmentId),
    );
    visible = all.filter((s) => inside.has(s.departmentId));
  }
  return visible
    .sort((a, b) => a.departmentId.localeCompare(b.departmentId))
    .map((s) => toSubmissionResponse(s, dueDate));
}
