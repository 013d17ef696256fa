import type { Metric } from './catalog';
import { type FieldProblem, InvalidRequestError } from './errors';
import { text } from './localized';
import type { Period } from './period';

/** Values may be counted in the millions at city scale; anything above this is a typing error. */
export const MAX_VALUE = 10_000_000;

/** One immutable revision of a department's report for a period. */
export interface Revision {
  version: number;
  values: Record<string, number>;
  note: string | null;
  /** The `sub` of who submitted. */
  submittedBy: string;
  /** Their display name at the time (e.g. 李娜). */
  submittedByName?: string;
  submittedAt: string;
}

/** The current revision of a submission, with what is fixed at the first revision. */
export interface Submission extends Revision {
  departmentId: string;
  period: Period;
  /** True when the FIRST revision arrived after the due date; corrections never change it. */
  late: boolean;
  firstSubmittedAt: string;
}

/**
 * Checks a submission's values against the department's assigned metrics: every assigned metric
 * present, no other, each an integer 0..10,000,000. Collects every problem, not just the first.
 */
export function validateValues(
  values: Record<string, unknown>,
  assigned: readonly string[],
  knownMetrics: ReadonlyMap<string, Metric>,
): Record<string, number> {
  const problems: FieldProblem[] = [];
  const assignedSet = new Set(assigned);
  for (const [metricId, value] of Object.entries(values)) {
    const field = `values.${metricId}`;
    if (!knownMetrics.has(metricId)) {
      problems.push({
        field,
        message: text(`未知指标“${metricId.slice(0, 64)}”。`, `Unknown metric "${metricId.slice(0, 64)}".`),
      });
      continue;
    }
    if (!assignedSet.has(metricId)) {
      problems.push({
        field,
        message: text(
          `指标“${metricId}”不属于本部门的填报项。`,
          `Metric "${metricId}" is not assigned to this department.`,
        ),
      });
      continue;
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_VALUE) {
      const name = knownMetrics.get(metricId)?.name;
      problems.push({
        field,
        message: text(
          `“${name?.['zh-CN'] ?? metricId}”必须是 0 到 ${MAX_VALUE} 之间的整数。`,
          `"${name?.en ?? metricId}" must be a whole number from 0 to ${MAX_VALUE}.`,
        ),
      });
    }
  }
  for (const metricId of assigned) {
    if (!(metricId in values)) {
      const name = knownMetrics.get(metricId)?.name;
      problems.push({
        field: `values.${metricId}`,
        message: text(
          `缺少“${name?.['zh-CN'] ?? metricId}”的数值。`,
          `A value for "${name?.en ?? metricId}" is missing.`,
        ),
      });
    }
  }
  if (problems.length > 0) {
    throw new InvalidRequestError(
      text('填报数据有误，请检查标出的项目。', 'Some values are not valid; check the fields marked.'),
      problems,
    );
  }
  return values as Record<string, number>;
}

/** The change each counter must take when `next` replaces `previous` (zeros left out). */
export function valueDeltas(
  previous: Readonly<Record<string, number>> | null,
  next: Readonly<Record<string, number>>,
): Record<string, number> {
  const deltas: Record<string, number> = {};
  const keys = new Set([...Object.keys(previous ?? {}), ...Object.keys(next)]);
  for (const key of keys) {
    const d = (next[key] ?? 0) - (previous?.[key] ?? 0);
    if (d !== 0) deltas[key] = d;
  }
  return deltas;
}

export function sameValues(
  a: Readonly<Record<string, number>>,
  b: Readonly<Record<string, number>>,
): boolean {
  const ak = Object.keys(a);
  if (ak.length !== Object.keys(b).length) return false;
  return ak.every((k) => a[k] === b[k]);
}
