import { openApiDocument } from '../../../shared/src/contract/openapi';
import { ok, type Routes, routeHandler } from '../adapters/http/http-handler';
import { claimNamesFromEnv, depsFromEnv } from '../wiring';

/** Readiness and the OpenAPI document; no token needed. */
export const routes: Routes = {
  'GET /api/health': {
    auth: false,
    run: async (_req, deps) => {
      // One cheap read proves the table answers; an error here becomes a 5xx the load balancer sees.
      await deps.catalog.getDepartment('_health');
      return ok({ status: 'ok' });
    },
  },
  'GET /api/openapi.json': {
    auth: false,
    run: async () => ok(openApiDocument),
  },
};

export const handler = routeHandler(routes, depsFromEnv, claimNamesFromEnv());
