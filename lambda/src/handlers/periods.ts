import { getPeriod, lockPeriod, unlockPeriod } from '../../../shared/src/use-cases/manage-periods';
import { ok, type Routes, routeHandler } from '../adapters/http/http-handler';
import { claimNamesFromEnv, depsFromEnv } from '../wiring';

/** Month locks and due dates. */
export const routes: Routes = {
  'GET /api/periods/{period}': {
    auth: true,
    run: async (req, deps) =>
      ok(await getPeriod(req.principal(), req.params.period ?? '', req.query.departmentId, deps)),
  },
  'PUT /api/periods/{period}/lock': {
    auth: true,
    run: async (req, deps) =>
      ok(await lockPeriod(req.principal(), req.params.period ?? '', req.query.departmentId, deps)),
  },
  'DELETE /api/periods/{period}/lock': {
    auth: true,
    run: async (req, deps) =>
      ok(await unlockPeriod(req.principal(), req.params.period ?? '', req.query.departmentId, deps)),
  },
};

export const handler = routeHandler(routes, depsFromEnv, claimNamesFromEnv());
