/**
 * Aggregate read cost for organisations of 10, 1,000 and 10,000 departments over the same 18 months,
 * measured side by side (rounds interleaved) on one DynamoDB Local.
 *
 * Seeding: the 10-department organisation goes through the real submit path (180 submissions). The
 * 1,000 and 10,000 ones would need 18,000 and 180,000 submissions; instead their catalogue is saved
 * through the catalogue store and their monthly counter items (every department, street, the city
 * and the organisation, 18 months each: 18,216 and 181,836 items) are batch-written in exactly the
 * layout `DynamoDbSubmissionStore.commit` produces, with the totals the submit path would have summed.
 * Submission and revision items are not written: the aggregate never reads them. A check compares the
 * seeded organisation counter with the sum over departments before measuring.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../lambda/src/adapters/dynamodb/client';
import { keys } from '../lambda/src/adapters/dynamodb/keys';
import { PinnableClock } from '../lambda/src/local/demo-data';
import { buildDeps } from '../lambda/src/wiring';
import type { Department } from '../shared/src/domain/catalog';
import { listPeriods } from '../shared/src/domain/period';
import type { Principal } from '../shared/src/domain/principal';
import type { DepartmentChange } from '../shared/src/ports/catalog-store';
import { ORG_UNIT } from '../shared/src/ports/submission-store';
import { aggregateRange } from '../shared/src/use-cases/aggregate-range';
import type { Deps } from '../shared/src/use-cases/deps';
import { recomputeTree } from '../shared/src/use-cases/manage-catalog';
import { mapLimit } from '../shared/src/use-cases/map-limit';
import { measureAggregate, seedOrganisation } from './aggregate-scaling';
import { median, newTable } from './lib';

const FROM = '2021-01';
const TO = '2022-06';
const METRICS = ['consultations', 'lectures', 'materials'];
const admin: Principal = { sub: 'bench', name: 'Bench', role: 'coordinator', departmentId: null };

/** What department d reports each month (the same figures as seedOrganisation's submit path). */
const valuesOf = (d: number) => ({ consultations: (d % 7) + 1, lectures: d % 3, materials: 10 });

/**
 * Saves an organisation of `size` reporting departments (ids dept-0…) under streets of 100 (street-0…)
 * under one city, through the catalogue store in batches; returns the number of streets.
 */
export async function saveOrganisation(deps: Deps, size: number): Promise<number> {
  const streets = Math.ceil(size / 100);
  const departments: Department[] = [
    {
      departmentId: 'city',
      name: { 'zh-CN': '区', en: 'District' },
      parentId: null,
      metrics: [],
      contacts: [],
    },
  ];
  for (let s = 0; s < streets; s++) {
    departments.push({
      departmentId: `street-${s}`,
      name: { 'zh-CN': `街道${s}`, en: `Street ${s}` },
      parentId: 'city',
      metrics: [],
      contacts: [],
    });
  }
  for (let d = 0; d < size; d++) {
    departments.push({
      departmentId: `dept-${d}`,
      name: { 'zh-CN': `部门${d}`, en: `Dept ${d}` },
      parentId: `street-${d % streets}`,
      metrics: METRICS,
      contacts: [],
    });
  }
  const tree = recomputeTree(
    new Map(departments.map((d) => [d.departmentId, { ...d, ancestors: [], version: 0, reportingCount: 0 }])),
  );
  const changes: DepartmentChange[] = [...tree.values()].map(
    ({ ancestors, reportingCount, version, ...department }) => ({
      department,
      ancestors,
      reportingCount,
      expectedVersion: 0,
    }),
  );
  await deps.catalog.saveDepartments(changes);
  return streets;
}

async function seedByCounters(endpoint: string, size: number, log: (s: string) => void): Promise<Deps> {
  const tableName = await newTable(endpoint, `bench-big${size}`);
  const deps = buildDeps({ tableName, endpoint, clock: new PinnableClock() });
  for (const id of METRICS) {
    await deps.catalog.putMetric({
      metricId: id,
      name: { 'zh-CN': id, en: id },
      unit: { 'zh-CN': '件', en: 'cases' },
    });
  }
  const streets = await saveOrganisation(deps, size);

  // Per-unit monthly totals, as the submit path's ADDs would leave them.
  const totals = new Map<string, { m: Record<string, number>; n: number }>();
  const add = (unit: string, v: Record<string, number>) => {
    const t = totals.get(unit) ?? { m: {}, n: 0 };
    for (const [k, x] of Object.entries(v)) t.m[k] = (t.m[k] ?? 0) + x;
    t.n++;
    totals.set(unit, t);
  };
  for (let d = 0; d < size; d++) {
    const v = valuesOf(d);
    for (const unit of [`dept-${d}`, `street-${d % streets}`, 'city', ORG_UNIT]) add(unit, v);
  }
  const items: Record<string, unknown>[] = [];
  for (const period of listPeriods(FROM, TO)) {
    for (const [unitId, t] of totals) {
      const item: Record<string, unknown> = {
        ...keys.counter(unitId, period),
        unitId,
        period,
        n: t.n,
        w: t.n,
      };
      for (const [m, x] of Object.entries(t.m)) item[keys.metricAttr(m)] = x;
      items.push(item);
    }
  }
  const db = createDocumentClient({ endpoint });
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let done = 0;
  await mapLimit(batches, 8, async (batch) => {
    let pending = batch.map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const res = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (res.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
    if (++done % 1000 === 0) log(`    ${done * 25}/${items.length} counter items`);
  });
  db.destroy();
  return deps;
}

export async function benchAggregateLargeOrg(endpoint: string, log: (s: string) => void) {
  log('  seeding 10 departments through the submit path (180 submissions)…');
  const small = await seedOrganisation(endpoint, 10, log);
  log('  seeding 1,000 departments (catalogue + 18,216 counter items)…');
  const mid = await seedByCounters(endpoint, 1000, log);
  log('  seeding 10,000 departments (catalogue + 181,836 counter items)…');
  const large = await seedByCounters(endpoint, 10_000, log);
  for (const [deps, size] of [
    [mid, 1000],
    [large, 10_000],
  ] as const) {
    const check = await aggregateRange(admin, { from: FROM, to: TO }, deps);
    let expected = 0;
    for (let d = 0; d < size; d++) expected += valuesOf(d).consultations * 18;
    if (check.totals.consultations !== expected || check.completeness.received !== size * 18) {
      throw new Error(`org of ${size} not seeded right: ${JSON.stringify(check)}`);
    }
  }
  for (const deps of [small, mid, large]) await measureAggregate(deps, 20);
  const a: number[] = [];
  const b: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < 10; i++) {
    a.push(...(await measureAggregate(small, 20)));
    b.push(...(await measureAggregate(mid, 20)));
    c.push(...(await measureAggregate(large, 20)));
  }
  return {
    small: median(a),
    mid: median(b),
    large: median(c),
    ratioMid: median(b) / median(a),
    ratioLarge: median(c) / median(a),
  };
}
