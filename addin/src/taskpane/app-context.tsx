import { createContext, useContext } from 'react';
import type { DepartmentView, Metric } from '../../../shared/src/contract/api-types';
import type { Lang } from '../../../shared/src/domain/localized';
import type { ApiClient } from '../api/api-client';
import type { Session } from '../auth/session';
import type { Strings } from '../i18n/strings';
import type { WorkbookPort } from '../workbook/workbook-port';

export interface Catalogue {
  metrics: Map<string, Metric>;
  /** Departments in tree order (parents before children), with their depth for indentation. */
  departments: (DepartmentView & { depth: number })[];
  byId: Map<string, DepartmentView>;
}

export interface AppContextValue {
  lang: Lang;
  s: Strings;
  api: ApiClient;
  port: WorkbookPort;
  session: Session;
  catalogue: Catalogue;
  /** Sheet features are offered only inside Excel. */
  hasSheet: boolean;
}

export const AppContext = createContext<AppContextValue | null>(null);

/** The pane's strings, available before sign-in too (the sign-in page and notices need them). */
export const StringsContext = createContext<Strings | null>(null);

export function useStrings(): Strings {
  const value = useContext(StringsContext);
  if (!value) throw new Error('useStrings outside StringsContext');
  return value;
}

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside AppContext');
  return value;
}

/** Orders departments as a tree (depth-first, children in catalogue order). */
export function buildCatalogue(metrics: Metric[], departments: DepartmentView[]): Catalogue {
  const byId = new Map(departments.map((d) => [d.departmentId, d]));
  const children = new Map<string | null, DepartmentView[]>();
  for (const d of departments) {
    const parent = d.parentId && byId.has(d.parentId) ? d.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), d]);
  }
  const ordered: (DepartmentView & { depth: number })[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const d of children.get(parent) ?? []) {
      ordered.push({ ...d, depth });
      visit(d.departmentId, depth + 1);
    }
  };
  visit(null, 0);
  return { metrics: new Map(metrics.map((m) => [m.metricId, m])), departments: ordered, byId };
}
