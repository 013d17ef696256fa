/**
 * Request and response shapes of the HTTP API (../shared/API.md), shared by the Lambda handlers and
 * the add-in. Request bodies are zod schemas (parsed on the server); the add-in imports types only.
 */
import { z } from 'zod';
import type { Contact, Department, Metric, Rule } from '../domain/catalog';
import type { LocalizedText } from '../domain/localized';
import type { RuleOutcome } from '../domain/rules';
import type { Revision } from '../domain/submission';

const idSchema = z.string().regex(/^[a-z0-9-]{1,64}$/, 'id: 1-64 chars of a-z 0-9 -');

export const localizedTextSchema = z.strictObject({
  'zh-CN': z.string().trim().min(1).max(200),
  en: z.string().trim().min(1).max(200),
});

export const putMetricBodySchema = z.strictObject({
  name: localizedTextSchema,
  unit: localizedTextSchema,
});

export const contactSchema = z.strictObject({
  channel: z.enum(['email', 'webhook']),
  address: z.string().trim().min(1).max(500),
});

export const putDepartmentBodySchema = z.strictObject({
  name: localizedTextSchema,
  parentId: idSchema.nullable(),
  metrics: z.array(idSchema).max(200),
  contacts: z.array(contactSchema).max(20).default([]),
});

export const putRuleBodySchema = z.strictObject({
  left: idSchema,
  op: z.enum(['<=', '>=', '==']),
  right: idSchema,
  severity: z.enum(['error', 'warning']),
  message: localizedTextSchema,
});

export const putSubmissionBodySchema = z.strictObject({
  values: z.record(z.string().max(200), z.unknown()),
  note: z.string().max(2000).nullable().optional(),
});

export const devTokenBodySchema = z.strictObject({
  sub: z.string().min(1).max(128),
  name: z.string().min(1).max(128),
  role: z.enum(['clerk', 'coordinator']),
  departmentId: idSchema.nullable().optional(),
});

export type PutMetricBody = z.infer<typeof putMetricBodySchema>;
export type PutDepartmentBody = z.infer<typeof putDepartmentBodySchema>;
export type PutRuleBody = z.infer<typeof putRuleBodySchema>;
export type PutSubmissionBody = z.infer<typeof putSubmissionBodySchema>;
export type DevTokenBody = z.infer<typeof devTokenBodySchema>;

export type { Contact, Department, LocalizedText, Metric, Revision, Rule, RuleOutcome };

export interface MetricsResponse {
  metrics: Metric[];
}

export interface DepartmentView extends Department {
  /** Ancestors, root first (extension: lets clients draw the tree without recursion). */
  ancestors: string[];
}

export interface DepartmentsResponse {
  departments: DepartmentView[];
}

export interface RulesResponse {
  rules: Rule[];
}

export interface SubmissionResponse {
  departmentId: string;
  period: string;
  version: number;
  values: Record<string, number>;
  note: string | null;
  submittedBy: string;
  submittedByName?: string;
  submittedAt: string;
  late: boolean;
  /** Extension: the period's due date (YYYY-MM-DD, Asia/Shanghai). */
  dueDate: string;
  warnings: RuleOutcome[];
}

export interface HistoryResponse {
  revisions: Revision[];
}

export interface SubmissionsResponse {
  submissions: SubmissionResponse[];
}

export interface Totals {
  [metricId: string]: number;
}

export interface AggregateResponse {
  from: string;
  to: string;
  departmentId: string | null;
  /** Extension: present when the figures are as they stood at this instant (`asOf`). */
  asOf?: string;
  totals: Totals;
  groups?: { key: string; totals: Totals; completeness: { expected: number; received: number } }[];
  completeness: { expected: number; received: number };
}

export type CompletenessStatus = 'submitted' | 'late' | 'missing';

export interface CompletenessResponse {
  period: string;
  dueDate: string;
  departments: { departmentId: string; status: CompletenessStatus; submittedAt?: string }[];
}

export interface PeriodResponse {
  period: string;
  locked: boolean;
  dueDate: string;
  /** Extension: the lock in force, if any (the organisation's or an enclosing unit's). */
  lock?: { unitId: string | null; lockedBy: string; lockedByName?: string; lockedAt: string };
}

export interface YearEndRow {
  metricId: string;
  name: string;
  unit: string;
  total: number;
}

export interface YearEndResponse {
  from: string;
  to: string;
  departmentId: string | null;
  lang: 'zh-CN' | 'en';
  rows: YearEndRow[];
  /** Extension: the rates derived from the rows (e.g. 同意公开率), as fractions 0..1 or null. */
  rates: { rateId: string; name: string; value: number | null }[];
  text: string;
  /** Extension: present when the figures are as they stood at this instant (`asOf`). */
  asOf?: string;
  /** Extension (`compareAsOf`): "as reported" at `asOf` against "as corrected" later. */
  comparison?: YearEndComparison;
}

/** "As reported" against "as corrected": both figures, the difference and what changed in between. */
export interface YearEndComparison {
  /** The "as reported" instant. */
  asOf: string;
  /** The "as corrected" instant (`now` resolved to the time of the request). */
  compareAsOf: string;
  rows: {
    metricId: string;
    name: string;
    unit: string;
    reported: number;
    corrected: number;
    difference: number;
  }[];
  /** The paragraph with the corrected figures (the response's `text` has the reported ones). */
  text: string;
  /** Every revision accepted after `asOf` up to `compareAsOf`, oldest first, with its note. */
  changes: {
    departmentId: string;
    departmentName: string;
    period: string;
    version: number;
    /** `first-submission`: the month was not reported at `asOf` yet. */
    kind: 'correction' | 'first-submission';
    submittedAt: string;
    submittedBy: string;
    submittedByName?: string;
    note: string | null;
    /** Change of each metric against the previous revision (zeros left out). */
    differences: Record<string, number>;
  }[];
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
  requestId?: string;
}
