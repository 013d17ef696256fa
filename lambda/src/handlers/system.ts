import { getOpenApiDocument } from '../../../shared/src/contract/openapi';
import {
  calendarFallbackWarning,
  calendarFallbackYears,
} from '../../../shared/src/use-cases/manage-calendar';
import { ok, type Routes, routeHandler } from '../adapters/http/http-handler';
import { claimNamesFromEnv, depsFromEnv } from '../wiring';

/** Readiness and the OpenAPI document; no token needed. */
export const routes: Routes = {
  'GET /api/health': {
    auth: false,
    run: async (req, deps) => {
      // One cheap read proves the table answers; an error here becomes a 5xx the load balancer sees.
      await deps.catalog.getDepartment('_health');
      // A year without official holiday data (and no override) makes due dates a guess: say which.
      const fallbackYears = await calendarFallbackYears(deps);
      if (fallbackYears.length === 0) return ok({ status: 'ok' });
      return ok({
        status: 'ok',
        warnings: fallbackYears.map((y) => calendarFallbackWarning(y, req.lang)),
        calendarFallbackYears: fallbackYears,
      });
    },
  },
  'GET /api/openapi.json': {
    auth: false,
    run: async () => ok(getOpenApiDocument()),
  },
};

export const handler = routeHandler(routes, depsFromEnv, claimNamesFromEnv());
