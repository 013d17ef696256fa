/**
 * Every key of the single table. The table has `pk`/`sk` (strings) and one GSI `gsi1` on
 * `gsi1pk`/`gsi1sk`. Periods are `YYYY-MM`, which sort lexically == chronologically, so month
 * ranges are `sk BETWEEN`.
 */
export const CATALOG_PK = 'CATALOG';

export const keys = {
  metric: (metricId: string) => ({ pk: CATALOG_PK, sk: `METRIC#${metricId}` }),
  department: (departmentId: string) => ({ pk: CATALOG_PK, sk: `DEPT#${departmentId}` }),
  /** GSI key listing a unit's direct children; roots sit under `_root` (not a valid id). */
  children: (parentId: string | null) => `CHILDREN#${parentId ?? '_root'}`,
  rule: (ruleId: string) => ({ pk: CATALOG_PK, sk: `RULE#${ruleId}` }),
  current: (departmentId: string, period: string) => ({ pk: `SUB#${departmentId}`, sk: `PERIOD#${period}` }),
  /** GSI key listing every department's current submission for one period. */
  byPeriod: (period: string) => `PERIOD#${period}`,
  revision: (departmentId: string, period: string, version: number) => ({
    pk: `REV#${departmentId}#${period}`,
    // zero-padded so versions sort numerically
    sk: `V#${String(version).padStart(8, '0')}`,
  }),
  revisionPk: (departmentId: string, period: string) => `REV#${departmentId}#${period}`,
  counter: (unitId: string, period: string) => ({ pk: `AGG#${unitId}`, sk: `PERIOD#${period}` }),
  counterPk: (unitId: string) => `AGG#${unitId}`,
  lock: (period: string, unitId: string) => ({ pk: `LOCK#${period}`, sk: `UNIT#${unitId}` }),
  lockPk: (period: string) => `LOCK#${period}`,
  /** A coordinator's working-day arrangement of one year (years sort as 4-digit strings). */
  calendarYear: (year: number) => ({ pk: 'CALENDAR', sk: `YEAR#${year}` }),
  calendarPk: 'CALENDAR',
  /** One reminder send: department x period x day; the escalation digest once per period. */
  reminder: (period: string, day: string, departmentId: string | null) => ({
    pk: `REMIND#${period}`,
    sk: departmentId === null ? 'ESCALATION' : `DAY#${day}#DEPT#${departmentId}`,
  }),
  /** The local e-mail outbox: one partition, sorted by send time (local mode only; a few hundred items). */
  outbox: (sentAt: string, id: string) => ({ pk: 'OUTBOX', sk: `${sentAt}#${id}` }),
  outboxPk: 'OUTBOX',
  /** Counter attribute of a metric (placeholders make any metric id safe as a name). */
  metricAttr: (metricId: string) => `m:${metricId}`,
} as const;

export const METRIC_ATTR_PREFIX = 'm:';
