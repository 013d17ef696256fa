import type { LocalizedText } from './localized';

/** A count a department reports each month, e.g. 接待法律咨询 (件). */
export interface Metric {
  metricId: string;
  name: LocalizedText;
  unit: LocalizedText;
}

export interface Contact {
  channel: 'email' | 'webhook';
  address: string;
}

/** A unit of the organisation. Departments form a tree through `parentId`. */
export interface Department {
  departmentId: string;
  name: LocalizedText;
  parentId: string | null;
  /** What this department must report each month; empty for a pure grouping unit. */
  metrics: string[];
  contacts: Contact[];
}

/** A department as stored: with its ancestors (root first) and a version bumped on every change. */
export interface StoredDepartment extends Department {
  ancestors: string[];
  version: number;
  /** Departments with metrics in this subtree, itself included: the reports expected per month. */
  reportingCount: number;
}

export type RuleOp = '<=' | '>=' | '==';

/** A check between two metrics of one submission: `left op right`. */
export interface Rule {
  ruleId: string;
  left: string;
  op: RuleOp;
  right: string;
  severity: 'error' | 'warning';
  message: LocalizedText;
}

/** Ancestors of a department under a new parent, or the id that closes a cycle. */
export function ancestorsUnder(
  departmentId: string,
  parentId: string | null,
  lookup: (id: string) => StoredDepartment | undefined,
): { ancestors: string[] } | { cycle: true } | { missingParent: string } {
  if (parentId === null) return { ancestors: [] };
  if (parentId === departmentId) return { cycle: true };
  const parent = lookup(parentId);
  if (!parent) return { missingParent: parentId };
  if (parent.ancestors.includes(departmentId)) return { cycle: true };
  return { ancestors: [...parent.ancestors, parentId] };
}

/** True when `unitId` is the department itself or one of its ancestors. */
export function isInSubtree(
  department: Pick<StoredDepartment, 'departmentId' | 'ancestors'>,
  unitId: string,
): boolean {
  return department.departmentId === unitId || department.ancestors.includes(unitId);
}
