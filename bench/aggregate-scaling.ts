/**
 * Aggregate read cost vs organisation size: the same 18-month aggregate for an organisation of 10
 * departments and one of 1,000 (10 streets x 100), both fully reported, on the same DynamoDB Local.
 * Reads come from the pre-aggregated monthly counters, so the medians should match.
 */

import { PinnableClock } from '../lambda/src/local/demo-data';
import { buildDeps } from '../lambda/src/wiring';
import type { Department } from '../shared/src/domain/catalog';
import { listPeriods } from '../shared/src/domain/period';
import type { Principal } from '../shared/src/domain/principal';
import type { DepartmentChange } from '../shared/src/ports/catalog-store';
import { aggregateRange } from '../shared/src/use-cases/aggregate-range';
import type { Deps } from '../shared/src/use-cases/deps';
import { recomputeTree } from '../shared/src/use-cases/manage-catalog';
import { mapLimit } from '../shared/src/use-cases/map-limit';
import { submitMonthlyCounts } from '../shared/src/use-cases/submit-monthly-counts';
import { median, newTable } from './lib';

const FROM = '2021-01';
const TO = '2022-06';
const admin: Principal = { sub: 'bench', name: 'Bench', role: 'coordinator', departmentId: null };
const metric = (id: string) => ({
  metricId: id,
  name: { 'zh-CN': id, en: id },
  unit: { 'zh-CN': '件', en: 'cases' },
});

/** An organisation of `size` reporting departments under streets of at most 100, each reporting 18 months. */
export async function seedOrganisation(
  endpoint: string,
  size: number,
  log: (s: string) => void,
): Promise<Deps> {
  const clock = new PinnableClock();
  const deps = buildDeps({ tableName: await newTable(endpoint, `bench-org${size}`), endpoint, clock });
  for (const id of ['consultations', 'lectures', 'materials']) await deps.catalog.putMetric(metric(id));
  const streets = Math.max(1, Math.ceil(size / 100));
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
      metrics: ['consultations', 'lectures', 'materials'],
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

  // Department-major order: any 12 jobs in flight together are in different months, so they never
  // contend for the same street or city counter (contention is not what this measures).
  const periods = listPeriods(FROM, TO);
  const work: { d: number; p: string }[] = [];
  for (let d = 0; d < size; d++) for (const p of periods) work.push({ d, p });
  clock.at = new Date('2022-07-01T10:00:00+08:00');
  let done = 0;
  await mapLimit(work, 12, async ({ d, p }) => {
    const principal: Principal = { sub: `clerk-${d}`, name: 'c', role: 'clerk', departmentId: `dept-${d}` };
    await submitMonthlyCounts(
      {
        principal,
        departmentId: `dept-${d}`,
        period: p,
        values: { consultations: (d % 7) + 1, lectures: d % 3, materials: 10 },
      },
      deps,
    );
    if (++done % 3000 === 0) log(`    seeded ${done}/${work.length} submissions`);
  });
  return deps;
}

export async function measureAggregate(deps: Deps, rounds: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await aggregateRange(admin, { from: FROM, to: TO }, deps);
    times.push(performance.now() - t);
  }
  return times;
}

export async function benchAggregateScaling(endpoint: string, log: (s: string) => void) {
  log('  seeding an organisation of 10 departments (180 submissions)…');
  const small = await seedOrganisation(endpoint, 10, log);
  log('  seeding an organisation of 1,000 departments (18,000 submissions)…');
  const large = await seedOrganisation(endpoint, 1000, log);
  const check = await aggregateRange(admin, { from: FROM, to: TO }, large);
  if (check.completeness.received !== 18_000)
    throw new Error(`large org not fully seeded: ${check.completeness.received}`);
  // Warm both, then interleave rounds so background noise hits both sides alike.
  await measureAggregate(small, 20);
  await measureAggregate(large, 20);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < 10; i++) {
    a.push(...(await measureAggregate(small, 20)));
    b.push(...(await measureAggregate(large, 20)));
  }
  return { small: median(a), large: median(b), ratio: median(b) / median(a) };
}
