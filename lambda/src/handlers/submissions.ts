import { putSubmissionBodySchema } from '../../../shared/src/contract/api-types';
import {
  getHistory,
  getSubmission,
  listSubmissions,
  toSubmissionResponse,
} from '../../../shared/src/use-cases/read-submissions';
import { submitMonthlyCounts } from '../../../shared/src/use-cases/submit-monthly-counts';
import { created, ok, type Routes, routeHandler } from '../adapters/http/http-handler';
import { parseIfMatch, parseJsonBody } from '../adapters/http/parse';
import { claimNamesFromEnv, depsFromEnv } from '../wiring';

const etag = (version: number) => ({ etag: `"${version}"` });

/** Monthly submissions: a clerk for their own department, a coordinator inside their scope. */
export const routes: Routes = {
  'PUT /api/submissions/{departmentId}/{period}': {
    auth: true,
    run: async (req, deps) => {
      const principal = req.principal();
      const body = parseJsonBody(req.event, putSubmissionBodySchema);
      const result = await submitMonthlyCounts(
        {
          principal,
          departmentId: req.params.departmentId ?? '',
          period: req.params.period ?? '',
          values: body.values,
          note: body.note,
          ifMatch: parseIfMatch(req.event),
        },
        deps,
      );
      const response = toSubmissionResponse(result.submission, result.dueDate, result.warnings);
      return (result.created ? created : ok)(response, etag(result.submission.version));
    },
  },
  'GET /api/submissions/{departmentId}/{period}': {
    auth: true,
    run: async (req, deps) => {
      const s = await getSubmission(
        req.principal(),
        req.params.departmentId ?? '',
        req.params.period ?? '',
        deps,
      );
      return ok(s, etag(s.version));
    },
  },
  'GET /api/submissions/{departmentId}/{period}/history': {
    auth: true,
    run: async (req, deps) =>
      ok({
        revisions: await getHistory(
          req.principal(),
          req.params.departmentId ?? '',
          req.params.period ?? '',
          deps,
        ),
      }),
  },
  'GET /api/submissions': {
    auth: true,
    run: async (req, deps) =>
      ok({ submissions: await listSubmissions(req.principal(), req.query.period ?? '', deps) }),
  },
};

export const handler = routeHandler(routes, depsFromEnv, claimNamesFromEnv());
