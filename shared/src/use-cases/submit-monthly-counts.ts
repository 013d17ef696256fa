import type { StoredDepartment } from '../domain/catalog';
import { isAfterDueDate } from '../domain/due-date';
import {
  DepartmentNotFoundError,
  InvalidRequestError,
  NoteRequiredError,
  PeriodLockedError,
  RuleViolatedError,
  ServiceBusyError,
  VersionConflictError,
} from '../domain/errors';
import { assertId } from '../domain/ids';
import { text } from '../domain/localized';
import { assertPeriod, isFuturePeriod } from '../domain/period';
import { assertClerkOwns, assertMayAct, type Principal } from '../domain/principal';
import { evaluateRules, type RuleOutcome } from '../domain/rules';
import { type Submission, sameValues, validateValues, valueDeltas } from '../domain/submission';
import { ORG_UNIT } from '../ports/submission-store';
import type { Deps } from './deps';
import { dueDateFor } from './manage-calendar';

export interface SubmitCommand {
  principal: Principal;
  departmentId: string;
  period: string;
  values: Record<string, unknown>;
  note?: string | null;
  /** From `If-Match`: the version the client edited. A mismatch is 412 instead of a retry. */
  ifMatch?: number;
}

export interface SubmitResult {
  /** 201 when this was the department's first revision for the period. */
  created: boolean;
  /** An identical re-submission: nothing written, the version kept. */
  unchanged: boolean;
  submission: Submission;
  dueDate: string;
  warnings: RuleOutcome[];
}

/** Conflicts are retried this many times (each re-reads first) before answering 503. */
export const MAX_SUBMIT_ATTEMPTS = 10;

/**
 * Accepts a department's monthly counts as a new revision. Validates everything before writing,
 * then commits the revision, the counter deltas for the department and every ancestor, and the lock
 * check in ONE transaction conditioned on the version read; lost races are retried after a re-read.
 */
export async function submitMonthlyCounts(cmd: SubmitCommand, deps: Deps): Promise<SubmitResult> {
  const period = assertPeriod('period', cmd.period);
  assertId('departmentId', cmd.departmentId);
  assertClerkOwns(cmd.principal, cmd.departmentId);
  // Every read the first attempt needs, in ONE parallel round: a submission's latency is then one
  // read round trip plus the transaction (see docs/performance.md).
  // Locks are not read up front: the transaction checks them and a lock makes it fail with 409.
  const [department, metrics, rules, dueDate, firstCurrent] = await Promise.all([
    deps.catalog.getDepartment(cmd.departmentId),
    deps.catalog.listMetrics(),
    deps.catalog.listRules(),
    dueDateFor(period, deps),
    deps.submissions.getCurrent(cmd.departmentId, period),
  ]);
  if (!department) throw new DepartmentNotFoundError(cmd.departmentId);
  assertMayAct(cmd.principal, department);
  const now = deps.clock.now();
  if (isFuturePeriod(period, now)) {
    throw new InvalidRequestError(text('不能提交未来月份的数据。', 'A future month cannot be submitted.'), [
      {
        field: 'period',
        message: text(
          `${period} 尚未开始（上海时间）。`,
          `${period} has not started yet (Asia/Shanghai time).`,
        ),
      },
    ]);
  }
  const values = validateValues(cmd.values, department.metrics, new Map(metrics.map((m) => [m.metricId, m])));
  const { errors, warnings } = evaluateRules(values, department.metrics, rules);
  if (errors.length > 0) {
    throw new RuleViolatedError(
      text(
        '数据未通过校验规则，请核对后再提交。',
        'The values break a validation rule; check them and submit again.',
      ),
      errors.map((e) => ({ field: `values.${e.left}`, message: e.message })),
    );
  }
  const note = normalizeNote(cmd.note);

  for (let attempt = 0; attempt < MAX_SUBMIT_ATTEMPTS; attempt++) {
    const [current, fresh] =
      attempt === 0
        ? [firstCurrent, department]
        : await Promise.all([
            deps.submissions.getCurrent(department.departmentId, period),
            deps.catalog.getDepartment(department.departmentId),
          ]);
    const dept = fresh ?? department;
    const lockUnits = [ORG_UNIT, ...dept.ancestors, dept.departmentId];

    if (current && sameValues(current.values, values) && current.note === note) {
      // Nothing to write, so no transaction checks the lock: a locked month still answers 409.
      const locks = await deps.submissions.getLocks(period);
      if (locks.some((l) => lockUnits.includes(l.unitId))) throw new PeriodLockedError(period);
      return { created: false, unchanged: true, submission: current, dueDate, warnings };
    }
    if (cmd.ifMatch !== undefined && (current?.version ?? 0) !== cmd.ifMatch) {
      throw new VersionConflictError(cmd.ifMatch, current?.version ?? null);
    }
    const submittedAt = deps.clock.now();
    if (current && note === null && isAfterDueDate(submittedAt, dueDate)) {
      throw new NoteRequiredError(dueDate);
    }
    const submission = buildRevision(
      cmd.principal,
      dept,
      period,
      values,
      note,
      current,
      submittedAt,
      dueDate,
    );
    try {
      await deps.submissions.commit({
        submission,
        previousVersion: current?.version ?? null,
        deltas: valueDeltas(current?.values ?? null, values),
        counterUnits: [dept.departmentId, ...dept.ancestors, ORG_UNIT],
        lockUnits,
        departmentVersion: dept.version,
      });
      return { created: current === null, unchanged: false, submission, dueDate, warnings };
    } catch (err) {
      if (!(err instanceof VersionConflictError)) throw err;
      // Full jitter, capped: concurrent writers of one department-month spread out instead of colliding again.
      await deps.sleep(Math.random() * Math.min(1000, 20 * 2 ** attempt));
    }
  }
  throw new ServiceBusyError(1);
}

function normalizeNote(note: string | null | undefined): string | null {
  const trimmed = note?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function buildRevision(
  principal: Principal,
  dept: StoredDepartment,
  period: string,
  values: Record<string, number>,
  note: string | null,
  current: Submission | null,
  submittedAt: Date,
  dueDate: string,
): Submission {
  const at = submittedAt.toISOString();
  return {
    departmentId: dept.departmentId,
    period,
    version: (current?.version ?? 0) + 1,
    values,
    note,
    submittedBy: principal.sub,
    submittedByName: principal.name,
    submittedAt: at,
    firstSubmittedAt: current?.firstSubmittedAt ?? at,
    late: current ? current.late : isAfterDueDate(submittedAt, dueDate),
  };
}
