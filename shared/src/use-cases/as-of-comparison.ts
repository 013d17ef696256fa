import type { YearEndComparison } from '../contract/api-types';
import { parseInstant } from '../domain/as-of';
import type { Metric } from '../domain/catalog';
import { invalid } from '../domain/errors';
import type { Lang } from '../domain/localized';
import { type Period, periodOf } from '../domain/period';
import type { Principal } from '../domain/principal';
import { valueDeltas } from '../domain/submission';
import { writeParagraph } from '../domain/year-end-report';
import { knownRevisions, loadScopedHistory, totalsAt } from './as-of-figures';
import type { Deps } from './deps';
import { resolveScope } from './load-department';

/**
 * "As reported" (at `asOf`) against "as corrected" (at `compareAsOf`, `now` for the present): both
 * figures per metric, their difference, the corrected paragraph, and every revision accepted in
 * between with its note — the corrections and the months first reported late.
 */
export async function compareAsOf(
  principal: Principal,
  args: {
    from: Period;
    to: Period;
    departmentId?: string;
    asOf: Date;
    compareAsOf: string;
    lang: Lang;
    metrics: Metric[];
  },
  deps: Deps,
): Promise<YearEndComparison> {
  const { from, to, asOf, lang, metrics } = args;
  const later = args.compareAsOf === 'now' ? deps.clock.now() : parseInstant('compareAsOf', args.compareAsOf);
  if (later.getTime() < asOf.getTime()) {
    throw invalid(
      'compareAsOf',
      'compareAsOf 不能早于 asOf（先“上报时”，后“更正后”）。',
      'compareAsOf must not be before asOf ("as reported" first, then "as corrected").',
    );
  }
  const unit = await resolveScope(principal, args.departmentId, deps);
  const history = await loadScopedHistory(unit, from, to, [asOf], deps);
  const metricIds = metrics.map((m) => m.metricId);
  const reported = totalsAt(history.entries, asOf, metricIds).totals;
  const corrected = totalsAt(history.entries, later, metricIds).totals;
  const names = new Map(history.departments.map((d) => [d.departmentId, d.name[lang]]));
  const changes: YearEndComparison['changes'] = [];
  for (const entry of history.entries) {
    const revisions = knownRevisions(entry).sort((a, b) => a.version - b.version);
    revisions.forEach((r, i) => {
      const at = Date.parse(r.submittedAt);
      if (at <= asOf.getTime() || at > later.getTime()) return;
      const previous = i > 0 ? (revisions[i - 1] ?? null) : null;
      changes.push({
        departmentId: entry.departmentId,
        departmentName: names.get(entry.departmentId) ?? entry.departmentId,
        period: entry.period,
        version: r.version,
        kind: r.version === 1 ? 'first-submission' : 'correction',
        submittedAt: r.submittedAt,
        submittedBy: r.submittedBy,
        ...(r.submittedByName ? { submittedByName: r.submittedByName } : {}),
        note: r.note,
        differences: valueDeltas(previous?.values ?? null, r.values),
      });
    });
  }
  changes.sort(
    (a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.departmentId.localeCompare(b.departmentId),
  );
  return {
    asOf: asOf.toISOString(),
    compareAsOf: later.toISOString(),
    rows: metrics.map((m) => {
      const r = reported[m.metricId] ?? 0;
      const c = corrected[m.metricId] ?? 0;
      return {
        metricId: m.metricId,
        name: m.name[lang],
        unit: m.unit[lang],
        reported: r,
        corrected: c,
        difference: c - r,
      };
    }),
    text: writeParagraph(metrics, corrected, { from, to, current: periodOf(deps.clock.now()) }, lang),
    changes,
  };
}
