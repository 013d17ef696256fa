import type { Metric, Rule, StoredDepartment } from '../../../shared/src/domain/catalog';
import type { CatalogStore, DepartmentChange } from '../../../shared/src/ports/catalog-store';

/**
 * Keeps metrics and rules (small, rarely written, read by every submission) for a few seconds per
 * process. Writes through this store drop the cache at once; another Lambda instance sees a change
 * within `ttlMs`. Departments are not cached: each submission's transaction checks the department's
 * version, so a stale one could only cost a retry, but the first read also decides authorization.
 */
export class CachedCatalogStore implements CatalogStore {
  private metrics?: { at: number; value: Promise<Metric[]> };
  private rules?: { at: number; value: Promise<Rule[]> };

  constructor(
    private readonly inner: CatalogStore,
    private readonly ttlMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  listMetrics(): Promise<Metric[]> {
    if (!this.metrics || this.now() - this.metrics.at > this.ttlMs) {
      const value = this.inner.listMetrics();
      this.metrics = { at: this.now(), value };
      value.catch(() => {
        this.metrics = undefined;
      });
    }
    return this.metrics.value;
  }

  async putMetric(metric: Metric): Promise<{ created: boolean }> {
    this.metrics = undefined;
    try {
      return await this.inner.putMetric(metric);
    } finally {
      this.metrics = undefined;
    }
  }

  listRules(): Promise<Rule[]> {
    if (!this.rules || this.now() - this.rules.at > this.ttlMs) {
      const value = this.inner.listRules();
      this.rules = { at: this.now(), value };
      value.catch(() => {
        this.rules = undefined;
      });
    }
    return this.rules.value;
  }

  async putRule(rule: Rule): Promise<{ created: boolean }> {
    this.rules = undefined;
    try {
      return await this.inner.putRule(rule);
    } finally {
      this.rules = undefined;
    }
  }

  getDepartment(departmentId: string): Promise<StoredDepartment | null> {
    return this.inner.getDepartment(departmentId);
  }

  listDepartments(): Promise<StoredDepartment[]> {
    return this.inner.listDepartments();
  }

  listChildren(parentId: string | null): Promise<StoredDepartment[]> {
    return this.inner.listChildren(parentId);
  }

  saveDepartments(changes: DepartmentChange[]): Promise<void> {
    return this.inner.saveDepartments(changes);
  }
}
