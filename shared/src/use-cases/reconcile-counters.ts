import type { StoredDepartment } from '../domain/catalog';
import type { Submission } from '../domain/submission';
import { type CounterRow, ORG_UNIT } from '../ports/submission-store';
import type { Deps } from './deps';
import { mapLimit } from './map-limit';

export interface CounterDrift {
  unitId: string;
  period: string;
  /** A metric id, or `received` for the count of submissions. */
  field: string;
  stored: number;
  expected: number;
}

export interface ReconcileReport {
  units: number;
  rows: number;
  drift: CounterDrift[];
  repaired: number;
}

const ALL_FROM = '0000-01';
const ALL_TO = '9999-12';

/**
 * Recomputes counters from the current revisions and reports every difference; with `repair`,
 * adds the difference to each drifted counter. A repair is conditioned on the counter's write count
 * read BEFORE the revisions, so a submission landing meanwhile makes it retry instead of being lost.
 */
export async function reconcileCounters(
  deps: Pick<Deps, 'catalog' | 'submissions'>,
  options: { units?: string[]; repair: boolean },
): Promise<ReconcileReport> {
  const departments = await deps.catalog.listDepartments();
  let units = options.units ?? [
    ...new Set([
      ORG_UNIT,
      ...departments.map((d) => d.departmentId),
      ...(await deps.submissions.listCounterUnits()),
    ]),
  ];
  let report: ReconcileReport = { units: units.length, rows: 0, drift: [], repaired: 0 };
  let repaired = 0;
  for (let attempt = 0; attempt < 5 && units.length > 0; attempt++) {
    const stored = new Map<string, CounterRow[]>();
    await mapLimit(units, 8, async (u) => {
      stored.set(u, await deps.submissions.readCounters(u, ALL_FROM, ALL_TO));
    });
    const expected = await expectedCounters(deps, departments, units);
    const drift = compare(units, stored, expected);
    if (attempt === 0) report = { units: units.length, rows: countRows(stored), drift, repaired: 0 };
    if (!options.repair || drift.length === 0) break;

    const retry = new Set<string>();
    const byRow = groupBy(drift, (d) => `${d.unitId}\u0000${d.period}`);
    await mapLimit([...byRow.values()], 8, async (rows) => {
      const { unitId, period } = rows[0] as CounterDrift;
      const row = stored.get(unitId)?.find((r) => r.period === period);
      const diff: Record<string, number> = {};
      let receivedDiff = 0;
      for (const d of rows) {
        if (d.field === 'received') receivedDiff = d.expected - d.stored;
        else diff[d.field] = d.expected - d.stored;
      }
      const ok = await deps.submissions.adjustCounter(unitId, period, diff, receivedDiff, row?.writes ?? 0);
      if (ok) repaired++;
      else retry.add(unitId);
    });
    units = [...retry];
  }
  report.repaired = repaired;
  return report;
}

async function expectedCounters(
  deps: Pick<Deps, 'submissions'>,
  departments: StoredDepartment[],
  units: string[],
): Promise<Map<string, Map<string, { totals: Record<string, number>; received: number }>>> {
  const wanted = new Set(units);
  const needed = departments.filter(
    (d) => wanted.has(ORG_UNIT) || wanted.has(d.departmentId) || d.ancestors.some((a) => wanted.has(a)),
  );
  const subs = new Map<string, Submission[]>();
  await mapLimit(needed, 8, async (d) => {
    subs.set(d.departmentId, await deps.submissions.listForDepartment(d.departmentId));
  });
  const out = new Map<string, Map<string, { totals: Record<string, number>; received: number }>>();
  for (const u of units) out.set(u, new Map());
  for (const d of needed) {
    const chain = [d.departmentId, ...d.ancestors, ORG_UNIT].filter((u) => wanted.has(u));
    for (const s of subs.get(d.departmentId) ?? []) {
      for (const u of chain) {
        const rows = out.get(u) as Map<string, { totals: Record<string, number>; received: number }>;
        const row = rows.get(s.period) ?? { totals: {}, received: 0 };
        row.received++;
        for (const [m, v] of Object.entries(s.values)) row.totals[m] = (row.totals[m] ?? 0) + v;
        rows.set(s.period, row);
      }
    }
  }
  return out;
}

function compare(
  units: string[],
  stored: Map<string, CounterRow[]>,
  expected: Map<string, Map<string, { totals: Record<string, number>; received: number }>>,
): CounterDrift[] {
  const drift: CounterDrift[] = [];
  for (const unitId of units) {
    const storedRows = new Map((stored.get(unitId) ?? []).map((r) => [r.period, r]));
    const expectedRows = expected.get(unitId) ?? new Map();
    const periods = new Set([...storedRows.keys(), ...expectedRows.keys()]);
    for (const period of [...periods].sort()) {
      const s = storedRows.get(period);
      const e = expectedRows.get(period);
      const metrics = new Set([...Object.keys(s?.totals ?? {}), ...Object.keys(e?.totals ?? {})]);
      for (const m of metrics) {
        const sv = s?.totals[m] ?? 0;
        const ev = e?.totals[m] ?? 0;
        if (sv !== ev) drift.push({ unitId, period, field: m, stored: sv, expected: ev });
      }
      const sr = s?.received ?? 0;
      const er = e?.received ?? 0;
      if (sr !== er) drift.push({ unitId, period, field: 'received', stored: sr, expected: er });
    }
  }
  return drift;
}

function countRows(stored: Map<string, CounterRow[]>): number {
  let n = 0;
  for (const rows of stored.values()) n += rows.length;
  return n;
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k) ?? [];
    list.push(item);
    out.set(k, list);
  }
  return out;
}
