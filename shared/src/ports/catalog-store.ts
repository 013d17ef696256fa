import type { Department, Metric, Rule, StoredDepartment } from '../domain/catalog';

/** Metrics, departments and rules. Catalogue writes are rare; reads are hot and must stay cheap. */
export interface CatalogStore {
  listMetrics(): Promise<Metric[]>;
  /** Creates or replaces; `created` is false on replace. */
  putMetric(metric: Metric): Promise<{ created: boolean }>;

  getDepartment(departmentId: string): Promise<StoredDepartment | null>;
  listDepartments(): Promise<StoredDepartment[]>;
  /** Direct children of a unit; `null` lists the roots. */
  listChildren(parentId: string | null): Promise<StoredDepartment[]>;
  /**
   * Writes changed departments at once, each conditioned on the version that was read
   * (`version` of the stored item, 0 for a new one); the stored version becomes `version + 1`.
   * Throws VersionConflictError when another writer got there first.
   */
  saveDepartments(changes: DepartmentChange[]): Promise<void>;

  listRules(): Promise<Rule[]>;
  putRule(rule: Rule): Promise<{ created: boolean }>;
}

export interface DepartmentChange {
  department: Department;
  ancestors: string[];
  /** Number of departments with metrics in this subtree (itself included): expected reports per month. */
  reportingCount: number;
  /** The version that was read; 0 when the department is new. */
  expectedVersion: number;
}
