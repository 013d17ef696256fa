/**
 * The machine-readable copy of ../shared/API.md (OpenAPI 3.1, JSON Schema 2020-12). Request bodies
 * come from the same zod schemas the server parses with; responses are described here and checked
 * against the running server by tests/lambda/openapi.test.ts.
 */
import { z } from 'zod';
import {
  devTokenBodySchema,
  putDepartmentBodySchema,
  putMetricBodySchema,
  putRuleBodySchema,
  putSubmissionBodySchema,
} from './api-types';
import { putCalendarBodySchema, runRemindersBodySchema } from './calendar-reminders';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
const int = (extra: Schema = {}): Schema => ({ type: 'integer', ...extra });
const obj = (properties: Record<string, Schema>, required: string[] = Object.keys(properties)): Schema => ({
  type: 'object',
  properties,
  required,
});
const arr = (items: Schema): Schema => ({ type: 'array', items });
const period = str({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' });
const date = str({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const localized = obj({ 'zh-CN': str(), en: str() });
const totals: Schema = { type: 'object', additionalProperties: int() };
const completeness = obj({ expected: int({ minimum: 0 }), received: int({ minimum: 0 }) });

const body = (schema: z.ZodType): Schema =>
  z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as Schema;

// Built on first use: converting the zod schemas costs a Lambda cold start that only this route needs.
function buildSchemas(): Record<string, Schema> {
  return {
    Problem: {
      ...obj(
        {
          type: str(),
          title: str(),
          status: int(),
          detail: str(),
          errors: arr(obj({ field: str(), message: str() })),
          requestId: str(),
        },
        ['type', 'title', 'status', 'detail'],
      ),
    },
    Metric: obj({ metricId: str(), name: localized, unit: localized }),
    Department: obj(
      {
        departmentId: str(),
        name: localized,
        parentId: { type: ['string', 'null'] },
        metrics: arr(str()),
        contacts: arr(obj({ channel: str({ enum: ['email', 'webhook'] }), address: str() })),
        ancestors: arr(str()),
      },
      ['departmentId', 'name', 'parentId', 'metrics', 'contacts'],
    ),
    Rule: obj({
      ruleId: str(),
      left: str(),
      op: str({ enum: ['<=', '>=', '=='] }),
      right: str(),
      severity: str({ enum: ['error', 'warning'] }),
      message: localized,
    }),
    RuleOutcome: obj({
      ruleId: str(),
      severity: str({ enum: ['error', 'warning'] }),
      left: str(),
      op: str(),
      right: str(),
      leftValue: int(),
      rightValue: int(),
      message: localized,
    }),
    Revision: obj(
      {
        version: int({ minimum: 1 }),
        values: totals,
        note: { type: ['string', 'null'] },
        submittedBy: str(),
        submittedByName: str(),
        submittedAt: str({ format: 'date-time' }),
      },
      ['version', 'values', 'note', 'submittedBy', 'submittedAt'],
    ),
    Submission: obj(
      {
        departmentId: str(),
        period,
        version: int({ minimum: 1 }),
        values: totals,
        note: { type: ['string', 'null'] },
        submittedBy: str(),
        submittedByName: str(),
        submittedAt: str({ format: 'date-time' }),
        late: { type: 'boolean' },
        dueDate: date,
        warnings: arr(ref('RuleOutcome')),
      },
      [
        'departmentId',
        'period',
        'version',
        'values',
        'note',
        'submittedBy',
        'submittedAt',
        'late',
        'warnings',
      ],
    ),
    Aggregate: obj(
      {
        from: period,
        to: period,
        departmentId: { type: ['string', 'null'] },
        asOf: str({ format: 'date-time' }),
        totals,
        groups: arr(obj({ key: str(), totals, completeness }, ['key', 'totals'])),
        completeness,
      },
      ['from', 'to', 'departmentId', 'totals', 'completeness'],
    ),
    Completeness: obj({
      period,
      dueDate: date,
      departments: arr(
        obj(
          {
            departmentId: str(),
            status: str({ enum: ['submitted', 'late', 'missing'] }),
            submittedAt: str({ format: 'date-time' }),
          },
          ['departmentId', 'status'],
        ),
      ),
    }),
    Period: obj(
      {
        period,
        locked: { type: 'boolean' },
        dueDate: date,
        lock: obj(
          {
            unitId: { type: ['string', 'null'] },
            lockedBy: str(),
            lockedByName: str(),
            lockedAt: str({ format: 'date-time' }),
          },
          ['unitId', 'lockedBy', 'lockedAt'],
        ),
      },
      ['period', 'locked', 'dueDate'],
    ),
    YearEnd: obj(
      {
        from: period,
        to: period,
        departmentId: { type: ['string', 'null'] },
        lang: str({ enum: ['zh-CN', 'en'] }),
        rows: arr(obj({ metricId: str(), name: str(), unit: str(), total: int({ minimum: 0 }) })),
        rates: arr(obj({ rateId: str(), name: str(), value: { type: ['number', 'null'] } })),
        text: str({ minLength: 1 }),
        asOf: str({ format: 'date-time' }),
        comparison: obj({
          asOf: str({ format: 'date-time' }),
          compareAsOf: str({ format: 'date-time' }),
          rows: arr(
            obj({
              metricId: str(),
              name: str(),
              unit: str(),
              reported: int(),
              corrected: int(),
              difference: int(),
            }),
          ),
          text: str({ minLength: 1 }),
          changes: arr(
            obj(
              {
                departmentId: str(),
                departmentName: str(),
                period,
                version: int({ minimum: 1 }),
                kind: str({ enum: ['correction', 'first-submission'] }),
                submittedAt: str({ format: 'date-time' }),
                submittedBy: str(),
                submittedByName: str(),
                note: { type: ['string', 'null'] },
                differences: totals,
              },
              [
                'departmentId',
                'departmentName',
                'period',
                'version',
                'kind',
                'submittedAt',
                'submittedBy',
                'note',
                'differences',
              ],
            ),
          ),
        }),
      },
      ['from', 'to', 'rows', 'text'],
    ),
    AggregateBatch: obj({
      queries: {
        ...arr(
          obj(
            {
              from: period,
              to: period,
              departmentId: str(),
              metricId: str(),
              asOf: str({ format: 'date-time' }),
            },
            ['from', 'to'],
          ),
        ),
        maxItems: 200,
      },
    }),
    AggregateBatchResult: obj({
      results: arr({ oneOf: [obj({ totals, completeness }), obj({ error: ref('Problem') })] }),
    }),
    CalendarYear: obj({
      year: int({ minimum: 2000, maximum: 2099 }),
      source: str({ enum: ['official', 'override', 'fallback'] }),
      holidays: arr(date),
      workdays: arr(date),
    }),
    RemindersRun: obj(
      {
        period,
        day: date,
        dueDate: date,
        stage: { type: ['string', 'null'] },
        sent: arr(
          obj({
            departmentId: { type: ['string', 'null'] },
            channel: str({ enum: ['email', 'webhook'] }),
            kind: str({ enum: ['reminder', 'escalation'] }),
          }),
        ),
        failed: arr(
          obj({
            departmentId: { type: ['string', 'null'] },
            channel: str({ enum: ['email', 'webhook'] }),
            kind: str({ enum: ['reminder', 'escalation'] }),
            to: str(),
            error: str(),
          }),
        ),
        unreachable: arr(str()),
      },
      ['period', 'sent'],
    ),
    Outbox: obj({
      messages: arr(
        obj({
          to: str(),
          channel: str({ enum: ['email', 'webhook'] }),
          subject: str(),
          body: str(),
          departmentId: { type: ['string', 'null'] },
          period,
          sentAt: str({ format: 'date-time' }),
        }),
      ),
    }),
    PutCalendar: body(putCalendarBodySchema),
    RunReminders: body(runRemindersBodySchema),
    PutMetric: body(putMetricBodySchema),
    PutDepartment: body(putDepartmentBodySchema),
    PutRule: body(putRuleBodySchema),
    PutSubmission: body(putSubmissionBodySchema),
    DevToken: body(devTokenBodySchema),
  };
}

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
const jsonResponse = (description: string, schema: Schema) => ({
  description,
  content: { 'application/json': { schema } },
});
const jsonBody = (name: string) => ({
  required: true,
  content: { 'application/json': { schema: ref(name) } },
});
const pathParam = (name: string, schema: Schema = str()) => ({ name, in: 'path', required: true, schema });
const queryParam = (name: string, required: boolean, schema: Schema = str()) => ({
  name,
  in: 'query',
  required,
  schema,
});

const file = (description: string) => ({
  description,
  headers: { 'Content-Disposition': { schema: str() } },
  content: {
    'text/csv': { schema: str() },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
      schema: str({ format: 'binary' }),
    },
  },
});
const exportParams = (aggregates: boolean) => [
  queryParam('from', true, period),
  queryParam('to', true, period),
  queryParam('departmentId', false),
  ...(aggregates
    ? [
        queryParam('groupBy', false, str({ enum: ['department', 'month'] })),
        queryParam('asOf', false, str({ format: 'date-time' })),
      ]
    : []),
  queryParam('format', false, str({ enum: ['csv', 'xlsx'] })),
  queryParam('lang', false, str({ enum: ['zh-CN', 'en'] })),
];
const exportResponses = {
  '200': file('The file (attachment)'),
  '400': problem('Bad range or format'),
  '401': problem('Missing, malformed, expired or wrongly signed token'),
  '403': problem('Not allowed for this caller'),
  '404': problem('Unknown department'),
};

const authErrors = {
  '401': problem('Missing, malformed, expired or wrongly signed token'),
  '403': problem('Not allowed for this caller'),
};
const secured = { security: [{ bearer: [] }] };

function buildDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Rule-of-law monthly reporting API',
      version: '1.0.0',
      description:
        'Monthly counts of rule-of-law work per department, live aggregates, locks and the year-end report. See API.md.',
    },
    servers: [{ url: '/' }],
    components: {
      schemas: buildSchemas(),
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    paths: {
      '/api/health': {
        get: {
          summary: 'Readiness',
          responses: {
            '200': jsonResponse(
              'Every part is ready',
              obj({ status: str({ enum: ['ok'] }), warnings: arr(str()) }, ['status']),
            ),
          },
        },
      },
      '/api/openapi.json': {
        get: {
          summary: 'This document',
          responses: { '200': jsonResponse('OpenAPI 3.1', { type: 'object' }) },
        },
      },
      '/api/dev/token': {
        post: {
          summary: 'Local only: a signed token for a demo identity (404 when deployed)',
          requestBody: jsonBody('DevToken'),
          responses: { '200': jsonResponse('Token', obj({ token: str() })), '400': problem('Bad body') },
        },
      },
      '/api/metrics': {
        get: {
          ...secured,
          summary: 'List metrics',
          responses: { '200': jsonResponse('Metrics', obj({ metrics: arr(ref('Metric')) })), ...authErrors },
        },
      },
      '/api/metrics/{metricId}': {
        put: {
          ...secured,
          summary: 'Create or replace a metric (unscoped coordinator)',
          parameters: [pathParam('metricId')],
          requestBody: jsonBody('PutMetric'),
          responses: {
            '200': jsonResponse('Replaced', ref('Metric')),
            '201': jsonResponse('Created', ref('Metric')),
            '400': problem('Bad id or body'),
            ...authErrors,
          },
        },
      },
      '/api/departments': {
        get: {
          ...secured,
          summary: 'List departments',
          responses: {
            '200': jsonResponse('Departments', obj({ departments: arr(ref('Department')) })),
            ...authErrors,
          },
        },
      },
      '/api/departments/{departmentId}': {
        put: {
          ...secured,
          summary: 'Create or replace a department (unscoped coordinator)',
          parameters: [pathParam('departmentId')],
          requestBody: jsonBody('PutDepartment'),
          responses: {
            '200': jsonResponse('Replaced', ref('Department')),
            '201': jsonResponse('Created', ref('Department')),
            '400': problem('Bad id, unknown metric, missing parent or cycle'),
            ...authErrors,
          },
        },
      },
      '/api/rules': {
        get: {
          ...secured,
          summary: 'List rules',
          responses: { '200': jsonResponse('Rules', obj({ rules: arr(ref('Rule')) })), ...authErrors },
        },
      },
      '/api/rules/{ruleId}': {
        put: {
          ...secured,
          summary: 'Create or replace a validation rule (unscoped coordinator)',
          parameters: [pathParam('ruleId')],
          requestBody: jsonBody('PutRule'),
          responses: {
            '200': jsonResponse('Replaced', ref('Rule')),
            '201': jsonResponse('Created', ref('Rule')),
            '400': problem('Bad id or unknown metric'),
            ...authErrors,
          },
        },
      },
      '/api/submissions/{departmentId}/{period}': {
        put: {
          ...secured,
          summary: "Submit or revise a department's monthly counts",
          parameters: [
            pathParam('departmentId'),
            pathParam('period', period),
            { name: 'If-Match', in: 'header', required: false, schema: str() },
          ],
          requestBody: jsonBody('PutSubmission'),
          responses: {
            '200': jsonResponse('Revised or unchanged', ref('Submission')),
            '201': jsonResponse('First submission', ref('Submission')),
            '400': problem('Bad body, unknown or missing metric, bad value, malformed or future period'),
            ...authErrors,
            '404': problem('Unknown department'),
            '409': problem('Period locked'),
            '412': problem('Stale If-Match'),
            '413': problem('Body over 64 KB'),
            '415': problem('Not JSON'),
            '422': problem('Note required, or an error-severity rule broken'),
            '503': problem('Storage busy after bounded retries (Retry-After)'),
          },
        },
        get: {
          ...secured,
          summary: 'The current revision',
          parameters: [pathParam('departmentId'), pathParam('period', period)],
          responses: {
            '200': jsonResponse('Current revision', ref('Submission')),
            '400': problem('Malformed'),
            ...authErrors,
            '404': problem('Not submitted'),
          },
        },
      },
      '/api/submissions/{departmentId}/{period}/history': {
        get: {
          ...secured,
          summary: 'Every revision, oldest first',
          parameters: [pathParam('departmentId'), pathParam('period', period)],
          responses: {
            '200': jsonResponse('Revisions', obj({ revisions: arr(ref('Revision')) })),
            '400': problem('Malformed'),
            ...authErrors,
            '404': problem('Not submitted'),
          },
        },
      },
      '/api/submissions': {
        get: {
          ...secured,
          summary: 'Current submissions of a month (clerks see only their own)',
          parameters: [queryParam('period', true, period)],
          responses: {
            '200': jsonResponse('Submissions', obj({ submissions: arr(ref('Submission')) })),
            '400': problem('Malformed period'),
            ...authErrors,
          },
        },
      },
      '/api/aggregates': {
        get: {
          ...secured,
          summary: "Totals over a month range for a unit's subtree",
          parameters: [
            queryParam('from', true, period),
            queryParam('to', true, period),
            queryParam('departmentId', false),
            queryParam('groupBy', false, str({ enum: ['department', 'month'] })),
            queryParam('asOf', false, str({ format: 'date-time' })),
          ],
          responses: {
            '200': jsonResponse('Aggregate', ref('Aggregate')),
            '400': problem('Bad range'),
            ...authErrors,
            '404': problem('Unknown department'),
          },
        },
      },
      '/api/aggregates/batch': {
        post: {
          ...secured,
          summary: 'Many aggregate queries at once (at most 200); each answered or failed alone, in order',
          requestBody: jsonBody('AggregateBatch'),
          responses: {
            '200': jsonResponse(
              'One result per query: totals and completeness, or a problem',
              ref('AggregateBatchResult'),
            ),
            '400': problem('Not a batch, or more than 200 queries'),
            ...authErrors,
            '413': problem('Body over 64 KB'),
            '415': problem('Not JSON'),
          },
        },
      },
      '/api/exports/submissions': {
        get: {
          ...secured,
          summary: 'Every revision in range as CSV (UTF-8 with BOM) or xlsx',
          parameters: exportParams(false),
          responses: exportResponses,
        },
      },
      '/api/exports/aggregates': {
        get: {
          ...secured,
          summary:
            'The aggregate (optionally grouped, optionally as of a moment) as CSV (UTF-8 with BOM) or xlsx',
          parameters: exportParams(true),
          responses: exportResponses,
        },
      },
      '/api/completeness': {
        get: {
          ...secured,
          summary: 'Who has reported a month',
          parameters: [queryParam('period', true, period), queryParam('departmentId', false)],
          responses: {
            '200': jsonResponse('Completeness', ref('Completeness')),
            '400': problem('Malformed period'),
            ...authErrors,
            '404': problem('Unknown department'),
          },
        },
      },
      '/api/periods/{period}': {
        get: {
          ...secured,
          summary: 'Lock state and due date of a month',
          parameters: [pathParam('period', period), queryParam('departmentId', false)],
          responses: {
            '200': jsonResponse('Period', ref('Period')),
            '400': problem('Malformed period'),
            ...authErrors,
          },
        },
      },
      '/api/periods/{period}/lock': {
        put: {
          ...secured,
          summary: "Lock a month (coordinator; a scoped coordinator's unit by default)",
          parameters: [pathParam('period', period), queryParam('departmentId', false)],
          responses: {
            '200': jsonResponse('Locked', ref('Period')),
            '400': problem('Malformed period'),
            ...authErrors,
          },
        },
        delete: {
          ...secured,
          summary: 'Unlock a month (coordinator)',
          parameters: [pathParam('period', period), queryParam('departmentId', false)],
          responses: {
            '200': jsonResponse('Unlocked', ref('Period')),
            '400': problem('Malformed period'),
            ...authErrors,
          },
        },
      },
      '/api/calendar/{year}': {
        get: {
          ...secured,
          summary: "A year's working-day arrangement and where it comes from",
          parameters: [pathParam('year', str({ pattern: '^\\d{4}$' }))],
          responses: {
            '200': jsonResponse('Arrangement', ref('CalendarYear')),
            '400': problem('Bad year'),
            ...authErrors,
          },
        },
        put: {
          ...secured,
          summary: "Set a year's holidays and make-up working days (unscoped coordinator)",
          parameters: [pathParam('year', str({ pattern: '^\\d{4}$' }))],
          requestBody: jsonBody('PutCalendar'),
          responses: {
            '200': jsonResponse('Replaced', ref('CalendarYear')),
            '201': jsonResponse('Created', ref('CalendarYear')),
            '400': problem('Bad year or date, a weekday as make-up day, a day both off and working'),
            ...authErrors,
          },
        },
      },
      '/api/reminders/run': {
        post: {
          ...secured,
          summary: "Run the reminder job for asOf's day (coordinator; a scoped one only inside their unit)",
          requestBody: { required: false, content: { 'application/json': { schema: ref('RunReminders') } } },
          responses: {
            '200': jsonResponse('What was sent', ref('RemindersRun')),
            '400': problem('Bad asOf'),
            ...authErrors,
          },
        },
      },
      '/api/reminders/outbox': {
        get: {
          ...secured,
          summary: 'Local only: the messages the local e-mail stand-in delivered (coordinator)',
          responses: { '200': jsonResponse('Messages', ref('Outbox')), ...authErrors },
        },
      },
      '/api/reports/year-end': {
        get: {
          ...secured,
          summary: 'Year-end rows and paragraph',
          parameters: [
            queryParam('from', true, period),
            queryParam('to', true, period),
            queryParam('lang', false, str({ enum: ['zh-CN', 'en'] })),
            queryParam('departmentId', false),
            queryParam('asOf', false, str({ format: 'date-time' })),
            queryParam('compareAsOf', false, str({ description: 'ISO time or `now`; needs asOf' })),
          ],
          responses: {
            '200': jsonResponse('Report', ref('YearEnd')),
            '400': problem('Bad range'),
            ...authErrors,
            '404': problem('Unknown department'),
          },
        },
      },
    } as Record<string, Record<string, unknown>>,
  };
}

let built: ReturnType<typeof buildDocument> | undefined;

/** The OpenAPI 3.1 document (built once per process). */
export function getOpenApiDocument(): ReturnType<typeof buildDocument> {
  built ??= buildDocument();
  return built;
}

export type OpenApiDocument = ReturnType<typeof buildDocument>;
