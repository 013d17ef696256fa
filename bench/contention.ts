/**
 * Month-end write contention: 2,000 departments (20 streets of 100 under one city) each submit the
 * same month, all rolling up to the same city and organisation counter items. Two shapes on DynamoDB
 * Local, through the real submit use-case and store:
 * - spread: arrivals evenly over 60 s (33/s, "everyone within a minute");
 * - burst: all 2,000 at once, 50 in flight (the worst case a real month-end will not reach).
 * Counted: transaction attempts, conflicts retried, 503s, latency from arrival to acknowledgement.
 * The analysis for real DynamoDB (1,000 WCU/s per partition) is in docs/performance.md.
 */

import { PinnableClock } from '../lambda/src/local/demo-data';
import { buildDeps } from '../lambda/src/wiring';
import { VersionConflictError } from '../shared/src/domain/errors';
import type { Principal } from '../shared/src/domain/principal';
import { ORG_UNIT } from '../shared/src/ports/submission-store';
import { mapLimit } from '../shared/src/use-cases/map-limit';
import { reconcileCounters } from '../shared/src/use-cases/reconcile-counters';
import { submitMonthlyCounts } from '../shared/src/use-cases/submit-monthly-counts';
import { saveOrganisation } from './aggregate-large-org';
import { median, newTable, percentile } from './lib';

const SIZE = 2000;

export interface ContentionResult {
  shape: string;
  submissions: number;
  seconds: number;
  perSecond: number;
  attempts: number;
  conflicts: number;
  busy: number;
  p50: number;
  p99: number;
  max: number;
  /** Writes per second on the hottest single item (the organisation's counter for the month). */
  hotItemWritesPerSecond: number;
}

async function run(
  endpoint: string,
  shape: 'spread' | 'burst',
  log: (s: string) => void,
): Promise<ContentionResult> {
  const clock = new PinnableClock();
  const deps = buildDeps({ tableName: await newTable(endpoint, `bench-burst-${shape}`), endpoint, clock });
  for (const id of ['consultations', 'lectures', 'materials']) {
    await deps.catalog.putMetric({
      metricId: id,
      name: { 'zh-CN': id, en: id },
      unit: { 'zh-CN': '件', en: 'cases' },
    });
  }
  await saveOrganisation(deps, SIZE);
  clock.at = new Date('2024-02-02T10:00:00+08:00');
  let attempts = 0;
  let conflicts = 0;
  const commit = deps.submissions.commit.bind(deps.submissions);
  deps.submissions.commit = async (w) => {
    attempts++;
    try {
      await commit(w);
    } catch (err) {
      if (err instanceof VersionConflictError) conflicts++;
      throw err;
    }
  };
  const latencies: number[] = [];
  let busy = 0;
  const submit = async (d: number, arrival: number) => {
    const principal: Principal = { sub: `c${d}`, name: 'c', role: 'clerk', departmentId: `dept-${d}` };
    try {
      await submitMonthlyCounts(
        {
          principal,
          departmentId: `dept-${d}`,
          period: '2024-01',
          values: { consultations: (d % 7) + 1, lectures: d % 3, materials: 10 },
        },
        deps,
      );
    } catch (err) {
      if ((err as { code?: string }).code === 'service-busy') busy++;
      else throw err;
    }
    latencies.push(performance.now() - arrival);
  };
  const t0 = performance.now();
  if (shape === 'spread') {
    const gap = 60_000 / SIZE;
    await Promise.all(
      Array.from({ length: SIZE }, async (_, d) => {
        const arrival = t0 + d * gap;
        await new Promise((r) => setTimeout(r, Math.max(0, arrival - performance.now())));
        await submit(d, arrival);
        if ((d + 1) % 500 === 0) log(`    ${d + 1}/${SIZE} arrived`);
      }),
    );
  } else {
    await mapLimit(
      Array.from({ length: SIZE }, (_, d) => d),
      50,
      (d) => submit(d, performance.now()),
    );
  }
  const seconds = (performance.now() - t0) / 1000;
  const org = await deps.submissions.readCounters(ORG_UNIT, '2024-01', '2024-01');
  if (org[0]?.received !== SIZE - busy) throw new Error(`organisation counter says ${org[0]?.received}`);
  const drift = (await reconcileCounters(deps, { repair: false })).drift;
  if (drift.length > 0) throw new Error(`drift after the burst: ${JSON.stringify(drift.slice(0, 3))}`);
  return {
    shape,
    submissions: SIZE,
    seconds,
    perSecond: SIZE / seconds,
    attempts,
    conflicts,
    busy,
    p50: median(latencies),
    p99: percentile(latencies, 99),
    max: Math.max(...latencies),
    hotItemWritesPerSecond: (SIZE - busy) / seconds,
  };
}

export async function benchContention(
  endpoint: string,
  log: (s: string) => void,
): Promise<ContentionResult[]> {
  const out: ContentionResult[] = [];
  for (const shape of ['spread', 'burst'] as const) {
    log(`  ${shape}: 2,000 departments, one month, one city…`);
    const r = await run(endpoint, shape, log);
    log(
      `    ${r.submissions} in ${r.seconds.toFixed(1)} s (${r.perSecond.toFixed(1)}/s), attempts ${r.attempts}, ` +
        `conflicts ${r.conflicts}, 503 ${r.busy}, p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms, max ${r.max.toFixed(0)} ms`,
    );
    out.push(r);
  }
  return out;
}
