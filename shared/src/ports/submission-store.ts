import type { Period } from '../domain/period';
import type { Revision, Submission } from '../domain/submission';

/** The unit id of the whole organisation in counters and locks (not a valid department id). */
export const ORG_UNIT = '_org';

/** One accepted revision, to be written atomically with everything it implies. */
export interface SubmissionWrite {
  submission: Submission;
  /** The version that was read; null when this is the first revision. */
  previousVersion: number | null;
  /** Value changes to add to the monthly counters (zeros left out). */
  deltas: Record<string, number>;
  /** The units whose counters take the deltas: the department, its ancestors and ORG_UNIT. */
  counterUnits: string[];
  /** The units whose lock blocks this write: ORG_UNIT, the ancestors and the department. */
  lockUnits: string[];
  /** The department's stored version: the write fails if the department moved meanwhile. */
  departmentVersion: number;
}

export interface CounterRow {
  unitId: string;
  period: Period;
  totals: Record<string, number>;
  /** Number of submissions (departments that reported) counted in this row. */
  received: number;
  /** Write counter: bumped by every change, so a repair can detect a concurrent write. */
  writes: number;
}

export interface LockInfo {
  period: Period;
  unitId: string;
  lockedBy: string;
  /** Display name of who locked it (e.g. 王芳). */
  lockedByName?: string;
  lockedAt: string;
}

/** Submissions, their immutable revisions, the pre-aggregated counters and period locks. */
export interface SubmissionStore {
  getCurrent(departmentId: string, period: Period): Promise<Submission | null>;
  listRevisions(departmentId: string, period: Period): Promise<Revision[]>;
  listByPeriod(period: Period): Promise<Submission[]>;
  listForDepartment(departmentId: string): Promise<Submission[]>;

  /**
   * ONE atomic write: current revision (conditioned on `previousVersion`), the immutable revision,
   * lock checks, department check, and the counter deltas. Throws VersionConflictError (someone
   * wrote first, or the department changed), PeriodLockedError, or ServiceBusyError.
   */
  commit(write: SubmissionWrite): Promise<void>;

  /** Counter rows of one unit for the months in range (missing months are absent). */
  readCounters(unitId: string, from: Period, to: Period): Promise<CounterRow[]>;
  listCounterUnits(): Promise<string[]>;
  /** Adds `diff` to a counter row only if its write count is still `expectedWrites` (repair). */
  adjustCounter(
    unitId: string,
    period: Period,
    diff: Record<string, number>,
    receivedDiff: number,
    expectedWrites: number,
  ): Promise<boolean>;

  getLocks(period: Period): Promise<LockInfo[]>;
  lock(info: LockInfo): Promise<void>;
  unlock(period: Period, unitId: string): Promise<boolean>;
}
