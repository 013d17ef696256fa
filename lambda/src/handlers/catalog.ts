import {
  putDepartmentBodySchema,
  putMetricBodySchema,
  putRuleBodySchema,
} from '../../../shared/src/contract/api-types';
import { putDepartment, putMetric, putRule } from '../../../shared/src/use-cases/manage-catalog';
import { created, ok, type Routes, routeHandler } from '../adapters/http/http-handler';
import { parseJsonBody } from '../adapters/http/parse';
import { claimNamesFromEnv, depsFromEnv } from '../wiring';

/** Catalogue: metrics, departments, rules. Everyone signed in reads; an unscoped coordinator writes. */
export const routes: Routes = {
  'GET /api/metrics': {
    auth: true,
    run: async (_req, deps) => ok({ metrics: await deps.catalog.listMetrics() }),
  },
  'PUT /api/metrics/{metricId}': {
    auth: true,
    run: async (req, deps) => {
      const body = parseJsonBody(req.event, putMetricBodySchema);
      const result = await putMetric(req.principal(), req.params.metricId ?? '', body, deps);
      return (result.created ? created : ok)(result.metric);
    },
  },
  'GET /api/departments': {
    auth: true,
    run: async (_req, deps) => {
      const departments = await deps.catalog.listDepartments();
      return ok({
        departments: departments.map(({ version, reportingCount, ...d }) => d),
      });
    },
  },
  'PUT /api/departments/{departmentId}': {
    auth: true,
    run: async (req, deps) => {
      const body = parseJsonBody(req.event, putDepartmentBodySchema);
      const result = await putDepartment(req.principal(), req.params.departmentId ?? '', body, deps);
      const { version, reportingCount, ...department } = result.department;
      return (result.created ? created : ok)(department);
    },
  },
  'GET /api/rules': {
    auth: true,
    run: async (_req, deps) => ok({ rules: await deps.catalog.listRules() }),
  },
  'PUT /api/rules/{ruleId}': {
    auth: true,
    run: async (req, deps) => {
      const body = parseJsonBody(req.event, putRuleBodySchema);
      const result = await putRule(req.principal(), req.params.ruleId ?? '', body, deps);
      return (result.created ? created : ok)(result.rule);
    },
  },
};

export const handler = routeHandler(routes, depsFromEnv, claimNamesFromEnv());
