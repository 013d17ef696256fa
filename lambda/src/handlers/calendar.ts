import { putCalendarBodySchema } from '../../../shared/src/contract/calendar-reminders';
import { getCalendarYear, putCalendarYear } from '../../../shared/src/use-cases/manage-calendar';
import { created, ok, type Routes, routeHandler } from '../adapters/http/http-handler';
import { parseJsonBody } from '../adapters/http/parse';
import { claimNamesFromEnv, depsFromEnv } from '../wiring';

/** The working-day calendar: everyone signed in reads a year; an unscoped coordinator overrides it. */
export const routes: Routes = {
  'GET /api/calendar/{year}': {
    auth: true,
    run: async (req, deps) => {
      req.principal();
      return ok(await getCalendarYear(req.params.year, deps));
    },
  },
  'PUT /api/calendar/{year}': {
    auth: true,
    run: async (req, deps) => {
      const principal = req.principal();
      const body = parseJsonBody(req.event, putCalendarBodySchema);
      const result = await putCalendarYear(principal, req.params.year, body, deps);
      return (result.created ? created : ok)(result.arrangement);
    },
  },
};

export const handler = routeHandler(routes, depsFromEnv, claimNamesFromEnv());
