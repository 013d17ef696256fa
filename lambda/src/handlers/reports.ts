import { buildYearEndReport } from '../../../shared/src/use-cases/build-year-end-report';
import { ok, type Routes, routeHandler } from '../adapters/http/http-handler';
import { claimNamesFromEnv, depsFromEnv } from '../wiring';

/** The year-end report: rows and the paragraph in zh-CN or English. */
export const routes: Routes = {
  'GET /api/reports/year-end': {
    auth: true,
    run: async (req, deps) =>
      ok(
        await buildYearEndReport(
          req.principal(),
          {
            from: req.query.from,
            to: req.query.to,
            lang: req.query.lang ?? req.lang,
            departmentId: req.query.departmentId,
            asOf: req.query.asOf,
            compareAsOf: req.query.compareAsOf,
          },
          deps,
        ),
      ),
  },
};

export const handler = routeHandler(routes, depsFromEnv, claimNamesFromEnv());
