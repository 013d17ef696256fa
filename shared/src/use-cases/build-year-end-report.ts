import type { YearEndResponse } from '../contract/api-types';
import { type Lang, pickLang } from '../domain/localized';
import { periodOf } from '../domain/period';
import type { Principal } from '../domain/principal';
import { buildRows, computeRates, writeParagraph } from '../domain/year-end-report';
import { aggregateRange } from './aggregate-range';
import type { Deps } from './deps';

/** The year-end table and paragraph for a range and unit, from the same counters as the aggregates. */
export async function buildYearEndReport(
  principal: Principal,
  query: { from?: string; to?: string; lang?: string; departmentId?: string },
  deps: Deps,
): Promise<YearEndResponse> {
  const lang: Lang = pickLang(query.lang);
  const [aggregate, metrics] = await Promise.all([
    aggregateRange(principal, { from: query.from, to: query.to, departmentId: query.departmentId }, deps),
    deps.catalog.listMetrics(),
  ]);
  const current = periodOf(deps.clock.now());
  return {
    from: aggregate.from,
    to: aggregate.to,
    departmentId: aggregate.departmentId,
    lang,
    rows: buildRows(metrics, aggregate.totals, lang),
    rates: computeRates(aggregate.totals, lang),
    text: writeParagraph(metrics, aggregate.totals, { from: aggregate.from, to: aggregate.to, current }, lang),
  };
}
