import { devTokenBodySchema } from '../../../shared/src/contract/api-types';
import type { LocalizedText } from '../../../shared/src/domain/localized';
import { ok, type Routes } from '../adapters/http/http-handler';
import { parseJsonBody } from '../adapters/http/parse';
import { DEMO_CLERKS, DEMO_COORDINATOR } from './demo-data';
import type { LocalAuth } from './local-auth';

interface Identity {
  sub: string;
  name: string;
  role: 'clerk' | 'coordinator';
  departmentId: string | null;
  label: LocalizedText;
}

/**
 * Local-only routes: a token for any identity (what the organisation's OpenID Connect issuer does
 * when deployed) and the demo identities for the add-in's sign-in chooser. Never deployed.
 */
export function devRoutes(auth: LocalAuth): Routes {
  return {
    'POST /api/dev/token': {
      auth: false,
      run: async (req) => {
        const body = parseJsonBody(req.event, devTokenBodySchema);
        const claims: Record<string, unknown> = { sub: body.sub, name: body.name, role: body.role };
        if (body.departmentId) claims.departmentId = body.departmentId;
        return ok({ token: await auth.issue(claims) });
      },
    },
    'GET /api/dev/identities': {
      auth: false,
      run: async (_req, deps) => {
        const departments = await deps.catalog.listDepartments();
        const identities: Identity[] = [
          {
            ...DEMO_COORDINATOR,
            label: {
              'zh-CN': `${DEMO_COORDINATOR.name}（依法治理办 · 协调员）`,
              en: `${DEMO_COORDINATOR.name} (Rule-of-Law Office, coordinator)`,
            },
          },
        ];
        const grouping = departments.find(
          (d) =>
            d.metrics.length === 0 &&
            d.ancestors.length > 0 &&
            departments.some((c) => c.parentId === d.departmentId),
        );
        if (grouping) {
          identities.push({
            sub: 'zhao.lei',
            name: '赵磊',
            role: 'coordinator',
            departmentId: grouping.departmentId,
            label: {
              'zh-CN': `赵磊（${grouping.name['zh-CN']} · 片区协调员）`,
              en: `Zhao Lei (${grouping.name.en}, unit coordinator)`,
            },
          });
        }
        for (const d of departments.filter((x) => x.metrics.length > 0)) {
          const person = DEMO_CLERKS[d.departmentId] ?? {
            sub: `clerk.${d.departmentId}`,
            name: `${d.name['zh-CN']}填报员`,
          };
          identities.push({
            sub: person.sub,
            name: person.name,
            role: 'clerk',
            departmentId: d.departmentId,
            label: {
              'zh-CN': `${person.name}（${d.name['zh-CN']} · 填报员）`,
              en: `${person.name} (${d.name.en}, clerk)`,
            },
          });
        }
        return ok({ identities });
      },
    },
  };
}
