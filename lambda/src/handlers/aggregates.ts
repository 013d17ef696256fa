import { aggregateRange } from '../../../shared/src/use-cases/aggregate-range';
import { getCompleteness } from '../../../shared/src/use-cases/completeness';
import { ok, type Routes, routeHandler } from '../adapters/http/http-handler';
import { claimNamesFromEnv, depsFromEnv } from '../wiring';

/** Totals over month ranges and who has reported (coordinators; a clerk for their own department). */
export const routes: Routes = {
  'GET /api/aggregates': {
    auth: true,
    run: async (req, deps) =>
      ok(
        await aggregateRange(
          req.principal(),
          { from: req.query.from, to: req.query.to, departmentId: req.query.departmentId, groupBy: req.query.groupBy },
          deps,
        ),
      ),
  },
  'GET /api/completeness': {
    auth: true,
    run: async (req, deps) =>
      ok(await getCompleteness(req.principal(), { period: req.query.period, departmentId: req.query.departmentId }, deps)),
  },
};

export const handler = routeHandler(routes, depsFromEnv, claimNamesFromEnv());
