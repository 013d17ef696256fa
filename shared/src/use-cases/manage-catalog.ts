import type { PutDepartmentBody, PutMetricBody, PutRuleBody } from '../contract/api-types';
import { ancestorsUnder, type Metric, type Rule, type StoredDepartment } from '../domain/catalog';
import { invalid } from '../domain/errors';
import { assertId } from '../domain/ids';
import { assertUnscopedCoordinator, type Principal } from '../domain/principal';
import type { DepartmentChange } from '../ports/catalog-store';
import type { Deps } from './deps';
import { reconcileCounters } from './reconcile-counters';

/** Creates or replaces a metric (unscoped coordinator). */
export async function putMetric(principal: Principal, metricId: string, body: PutMetricBody, deps: Deps) {
  assertUnscopedCoordinator(principal);
  assertId('metricId', metricId);
  const metric: Metric = { metricId, name: body.name, unit: body.unit };
  const { created } = await deps.catalog.putMetric(metric);
  return { created, metric };
}

/** Creates or replaces a rule; both metrics must exist (unscoped coordinator). */
export async function putRule(principal: Principal, ruleId: string, body: PutRuleBody, deps: Deps) {
  assertUnscopedCoordinator(principal);
  assertId('ruleId', ruleId);
  const known = new Set((await deps.catalog.listMetrics()).map((m) => m.metricId));
  for (const field of ['left', 'right'] as const) {
    if (!known.has(body[field])) {
      throw invalid(field, `未知指标“${body[field]}”。`, `Unknown metric "${body[field]}".`);
    }
  }
  if (body.left === body.right) {
    throw invalid('right', '规则两边不能是同一指标。', 'A rule must compare two different metrics.');
  }
  const rule: Rule = { ruleId, ...body };
  const { created } = await deps.catalog.putRule(rule);
  return { created, rule };
}

/**
 * Creates or replaces a department (unscoped coordinator). Rejects unknown metrics, a missing parent
 * and cycles. Keeps every department's ancestors and reporting count right, and when a department
 * moves, rebuilds the counters of the units it left and joined.
 */
export async function putDepartment(
  principal: Principal,
  departmentId: string,
  body: PutDepartmentBody,
  deps: Deps,
) {
  assertUnscopedCoordinator(principal);
  assertId('departmentId', departmentId);
  const [metrics, all] = await Promise.all([deps.catalog.listMetrics(), deps.catalog.listDepartments()]);
  const known = new Set(metrics.map((m) => m.metricId));
  const unknown = body.metrics.filter((m) => !known.has(m));
  if (unknown.length > 0) {
    throw invalid('metrics', `未知指标：${unknown.join('、')}。`, `Unknown metrics: ${unknown.join(', ')}.`);
  }
  if (new Set(body.metrics).size !== body.metrics.length) {
    throw invalid('metrics', '指标重复。', 'A metric is listed twice.');
  }
  const byId = new Map(all.map((d) => [d.departmentId, d]));
  const existing = byId.get(departmentId);
  const placed = ancestorsUnder(departmentId, body.parentId, (id) => byId.get(id));
  if ('cycle' in placed) {
    throw invalid(
      'parentId',
      '上级部门设置会形成循环。',
      'That parent would make the department its own ancestor.',
    );
  }
  if ('missingParent' in placed) {
    throw invalid(
      'parentId',
      `上级部门“${placed.missingParent}”不存在。`,
      `Parent department "${placed.missingParent}" does not exist.`,
    );
  }

  // Recompute the whole tree in memory (catalogue writes are rare; the tree is at most a few
  // thousand units) and save only what changed.
  const next = new Map<string, StoredDepartment>(byId);
  next.set(departmentId, {
    departmentId,
    name: body.name,
    parentId: body.parentId,
    metrics: body.metrics,
    contacts: body.contacts,
    ancestors: placed.ancestors,
    version: existing?.version ?? 0,
    reportingCount: 0,
  });
  const recomputed = recomputeTree(next);
  const changes: DepartmentChange[] = [];
  for (const dept of recomputed.values()) {
    const before = byId.get(dept.departmentId);
    const isTarget = dept.departmentId === departmentId;
    if (
      isTarget ||
      !before ||
      before.reportingCount !== dept.reportingCount ||
      before.ancestors.join('/') !== dept.ancestors.join('/')
    ) {
      const { ancestors, reportingCount, version, ...department } = dept;
      changes.push({ department, ancestors, reportingCount, expectedVersion: before?.version ?? 0 });
    }
  }
  await deps.catalog.saveDepartments(changes);

  const moved = existing && existing.parentId !== body.parentId;
  if (moved) {
    const oldChain = new Set(existing.ancestors);
    const newChain = new Set(placed.ancestors);
    const affected = [...oldChain, ...newChain].filter((u) => !(oldChain.has(u) && newChain.has(u)));
    await reconcileCounters(deps, { units: affected, repair: true });
  }
  const saved = recomputed.get(departmentId) as StoredDepartment;
  return { created: !existing, department: saved };
}

/** Ancestors and reporting counts of every department, from parent links. */
export function recomputeTree(
  departments: ReadonlyMap<string, StoredDepartment>,
): Map<string, StoredDepartment> {
  const out = new Map<string, StoredDepartment>();
  const ancestorsOf = (id: string, seen: Set<string>): string[] => {
    const d = departments.get(id);
    if (!d || d.parentId === null || seen.has(id)) return [];
    seen.add(id);
    return [...ancestorsOf(d.parentId, seen), d.parentId];
  };
  for (const d of departments.values()) {
    out.set(d.departmentId, { ...d, ancestors: ancestorsOf(d.departmentId, new Set()), reportingCount: 0 });
  }
  for (const d of out.values()) {
    if (d.metrics.length === 0) continue;
    for (const id of [d.departmentId, ...d.ancestors]) {
      const unit = out.get(id);
      if (unit) unit.reportingCount++;
    }
  }
  return out;
}
