import { z } from 'zod';
import type { ProblemBody } from '../../../shared/src/contract/api-types';
import { aggregateRange } from '../../../shared/src/use-cases/aggregate-range';
import { aggregateBatch } from '../../../shared/src/use-cases/batch-aggregates';
import { getCompleteness } from '../../../shared/src/use-cases/completeness';
import { ok, type Routes, routeHandler } from '../adapters/http/http-handler';
import { parseJsonBody } from '../adapters/http/parse';
import { domainProblem } from '../adapters/http/problem-json';
import { claimNamesFromEnv, depsFromEnv } from '../wiring';

/** Each query is checked by the use-case, so that a bad one fails alone instead of failing the batch. */
const batchBodySchema = z.strictObject({ queries: z.array(z.unknown()) });

/** Totals over month ranges and who has reported (coordinators; a clerk for their own department). */
export const routes: Routes = {
  'GET /api/aggregates': {
    auth: true,
    run: async (req, deps) =>
      ok(
        await aggregateRange(
          req.principal(),
          {
            from: req.query.from,
            to: req.query.to,
            departmentId: req.query.departmentId,
            groupBy: req.query.groupBy,
            asOf: req.query.asOf,
          },
          deps,
        ),
      ),
  },
  'POST /api/aggregates/batch': {
    auth: true,
    run: async (req, deps) => {
      const principal = req.principal();
      const body = parseJsonBody(req.event, batchBodySchema);
      const outcomes = await aggregateBatch(principal, body.queries, deps);
      return ok({
        results: outcomes.map((o) =>
          'error' in o
            ? { error: JSON.parse(domainProblem(o.error, req.lang).body ?? '{}') as ProblemBody }
            : o,
        ),
      });
    },
  },
  'GET /api/completeness': {
    auth: true,
    run: async (req, deps) =>
      ok(
        await getCompleteness(
          req.principal(),
          { period: req.query.period, departmentId: req.query.departmentId },
          deps,
        ),
      ),
  },
};

export const handler = routeHandler(routes, depsFromEnv, claimNamesFromEnv());
