import { invalid } from './errors';
import type { Revision, Submission } from './submission';

/**
 * ISO 8601 date-times as clients send them: a date, optionally a time with seconds and fraction and
 * an offset. A bare date means its first instant in UTC (Date.parse's rule), so clients that mean the
 * office's day should send `2021-01-10T00:00:00+08:00`.
 */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The instant of an `asOf` parameter, or 400 naming the field. */
export function parseInstant(field: string, value: string): Date {
  const ms = ISO_INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw invalid(
      field,
      `“${value.slice(0, 40)}”不是有效的 ISO 8601 时间，例如 2021-01-10T09:00:00+08:00。`,
      `"${value.slice(0, 40)}" is not an ISO 8601 time, e.g. 2021-01-10T09:00:00+08:00.`,
    );
  }
  return new Date(ms);
}

/** Optional variant: undefined stays undefined. */
export function parseOptionalInstant(field: string, value: string | undefined): Date | undefined {
  return value === undefined || value === '' ? undefined : parseInstant(field, value);
}

/**
 * One department-month with what is needed to answer "what did it say at time T": the current
 * revision, and the full history only when the current revision is newer than some T asked about
 * (revisions are immutable and numbered in the order they were accepted).
 */
export interface DepartmentMonthHistory {
  current: Submission;
  /** Oldest first; absent when no revision but the current one can matter. */
  revisions?: Revision[];
}

/** The revision in force at `at` (the last one accepted at or before it), or null if none existed yet. */
export function revisionAt(entry: DepartmentMonthHistory, at: Date): Revision | null {
  const t = at.getTime();
  if (Date.parse(entry.current.submittedAt) <= t) return entry.current;
  if (Date.parse(entry.current.firstSubmittedAt) > t) return null;
  let found: Revision | null = null;
  for (const r of entry.revisions ?? []) {
    if (Date.parse(r.submittedAt) <= t && (found === null || r.version > found.version)) found = r;
  }
  return found;
}

/**
 * True when the history of this department-month must be read to answer for `at`, or to list what
 * changed after it (a month first reported after `at` and corrected since is included for that).
 */
export function needsHistory(current: Submission, at: Date): boolean {
  return current.version > 1 && Date.parse(current.submittedAt) > at.getTime();
}
