import type { YearEndResponse } from '../contract/api-types';
import { invalid } from '../domain/errors';
import { type Lang, pickLang } from '../domain/localized';
import { periodOf } from '../domain/period';
import type { Principal } from '../domain/principal';
import { buildRows, computeRates, writeParagraph } from '../domain/year-end-report';
import { aggregateRange } from './aggregate-range';
import { compareAsOf } from './as-of-comparison';
import type { Deps } from './deps';

/** The year-end table and paragraph for a range and unit, from the same counters as the aggregates. */
export async function buildYearEndReport(
  principal: Principal,
  query: {
    from?: string;
    to?: string;
    lang?: string;
    departmentId?: string;
    asOf?: string;
    compareAsOf?: string;
  },
  deps: Deps,
): Promise<YearEndResponse> {
  const lang: Lang = pickLang(query.lang);
  if (query.compareAsOf !== undefined && query.asOf === undefined) {
    throw invalid('compareAsOf', 'compareAsOf 需要与 asOf 一起使用。', 'compareAsOf needs asOf.');
  }
  const [aggregate, metrics] = await Promise.all([
    aggregateRange(
      principal,
      { from: query.from, to: query.to, departmentId: query.departmentId, asOf: query.asOf },
      deps,
    ),
    deps.catalog.listMetrics(),
  ]);
  const current = periodOf(deps.clock.now());
  const asOf = aggregate.asOf;
  const comparison =
    asOf && query.compareAsOf !== undefined
      ? await compareAsOf(
          principal,
          {
            from: aggregate.from,
            to: aggregate.to,
            departmentId: query.departmentId,
            asOf: new Date(asOf),
            compareAsOf: query.compareAsOf,
            lang,
            metrics,
          },
          deps,
        )
      : undefined;
  return {
    from: aggregate.from,
    to: aggregate.to,
    departmentId: aggregate.departmentId,
    lang,
    rows: buildRows(metrics, aggregate.totals, lang),
    rates: computeRates(aggregate.totals, lang),
    text: writeParagraph(
      metrics,
      aggregate.totals,
      { from: aggregate.from, to: aggregate.to, current },
      lang,
    ),
    ...(asOf ? { asOf } : {}),
    ...(comparison ? { comparison } : {}),
  };
}
