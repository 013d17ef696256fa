import { join } from 'node:path';
import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  type HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { ReportingConfig } from '../config';
import { ReportingFunction } from './reporting-function';

/** What a function may do with the table: least privilege, decided per function. */
type TableAccess = 'none' | 'read' | 'readWrite';

interface FunctionSpec {
  readonly description: string;
  readonly table: TableAccess;
  readonly routes: readonly (readonly [HttpMethod, string])[];
  /** Routes reachable without a token (API.md: health and the OpenAPI document only). */
  readonly public?: boolean;
  readonly timeout?: Duration;
}

const { GET, PUT, POST, DELETE } = HttpMethod;

/**
 * Every deployed route of ../shared/API.md, grouped by the handler file that serves it
 * (lambda/src/handlers/<name>.ts). `/api/dev/token` and `/api/reminders/outbox` are local-only and are
 * deliberately absent: HTTP API answers 404 for unknown routes.
 */
export const FUNCTION_SPECS = {
  catalog: {
    description: 'Metrics, departments and rules (catalogue)',
    table: 'readWrite',
    routes: [
      [GET, '/api/metrics'],
      [PUT, '/api/metrics/{metricId}'],
      [GET, '/api/departments'],
      [PUT, '/api/departments/{departmentId}'],
      [GET, '/api/rules'],
      [PUT, '/api/rules/{ruleId}'],
    ],
  },
  submissions: {
    description: 'Monthly submissions and their revision history',
    table: 'readWrite',
    routes: [
      [GET, '/api/submissions'],
      [GET, '/api/submissions/{departmentId}/{period}'],
      [PUT, '/api/submissions/{departmentId}/{period}'],
      [GET, '/api/submissions/{departmentId}/{period}/history'],
    ],
  },
  aggregates: {
    description: 'Totals, completeness and batched aggregate queries',
    table: 'read',
    routes: [
      [GET, '/api/aggregates'],
      [POST, '/api/aggregates/batch'],
      [GET, '/api/completeness'],
    ],
    timeout: Duration.seconds(29),
  },
  periods: {
    description: 'Period state and locks',
    table: 'readWrite',
    routes: [
      [GET, '/api/periods/{period}'],
      [PUT, '/api/periods/{period}/lock'],
      [DELETE, '/api/periods/{period}/lock'],
    ],
  },
  reports: {
    description: 'Year-end report',
    table: 'read',
    routes: [[GET, '/api/reports/year-end']],
    timeout: Duration.seconds(29),
  },
  system: {
    description: 'Health and OpenAPI document (no authentication)',
    // Health reports calendar fallback warnings, which needs the calendar overrides in the table.
    table: 'read',
    routes: [
      [GET, '/api/health'],
      [GET, '/api/openapi.json'],
    ],
    public: true,
  },
  calendar: {
    description: 'Working-day calendar and its overrides',
    table: 'readWrite',
    routes: [
      [GET, '/api/calendar/{year}'],
      [PUT, '/api/calendar/{year}'],
    ],
  },
  reminders: {
    description: 'Reminder job (HTTP trigger and the daily EventBridge Scheduler run)',
    table: 'readWrite',
    routes: [[POST, '/api/reminders/run']],
    // Scheduled runs are not bound by API Gateway's 30 s; webhook retries with timeouts need room.
    timeout: Duration.seconds(120),
  },
  exports: {
    description: 'CSV and xlsx exports',
    table: 'read',
    routes: [
      [GET, '/api/exports/submissions'],
      [GET, '/api/exports/aggregates'],
    ],
    timeout: Duration.seconds(29),
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof FUNCTION_SPECS;

export interface ReportingApiProps {
  readonly config: ReportingConfig;
  readonly table: ITable;
  /** Folder holding lambda/src/handlers/<name>.ts. */
  readonly handlersDir: string;
  /** The add-in's origin (`https://host`): the only origin CORS admits. */
  readonly addinOrigin: string;
  readonly logRetention: RetentionDays;
}

/** The HTTP API, its JWT authorizer and one Lambda function per handler file. */
export class ReportingApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly functions: Record<FunctionName, NodejsFunction>;
  readonly url: string;

  constructor(scope: Construct, id: string, props: ReportingApiProps) {
    super(scope, id);
    const { config } = props;

    const authorizer = new HttpJwtAuthorizer('Jwt', config.jwtIssuer, {
      jwtAudience: config.jwtAudience,
      identitySource: ['$request.header.Authorization'],
    });

    this.api = new HttpApi(this, 'HttpApi', {
      description: 'Rule-of-law monthly reporting API (see shared/API.md)',
      defaultAuthorizer: authorizer,
      defaultAuthorizationScopes: [config.jwtScope],
      // Throttling and access logs live on the stage, which the L2's implicit default stage cannot set.
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [props.addinOrigin],
        allowMethods: [
          CorsHttpMethod.GET,
          CorsHttpMethod.PUT,
          CorsHttpMethod.POST,
          CorsHttpMethod.DELETE,
          CorsHttpMethod.OPTIONS,
        ],
        allowHeaders: ['authorization', 'content-type', 'if-match'],
        exposeHeaders: ['etag', 'content-disposition'],
        maxAge: Duration.hours(1),
      },
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: config.apiThrottleRate, burstLimit: config.apiThrottleBurst },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latency: '$context.integrationLatency',
            sub: '$context.authorizer.claims.sub',
            authorizerError: '$context.authorizer.error',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    this.url = this.stage.url;

    const environment: Record<string, string> = {
      TABLE_NAME: props.table.tableName,
      POWERTOOLS_SERVICE_NAME: 'legal-reporting',
      POWERTOOLS_LOG_LEVEL: config.logLevel,
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      CLAIM_ROLE: config.claimRole,
      CLAIM_DEPARTMENT: config.claimDepartment,
      CLAIM_NAME: config.claimName,
      DUE_WORKING_DAY: String(config.dueWorkingDay),
      ADDIN_URL: props.addinOrigin,
    };

    const tableLogicalId = Stack.of(this).getLogicalId(props.table.node.defaultChild as CfnElement);
    const functions: Partial<Record<FunctionName, NodejsFunction>> = {};
    for (const [name, spec] of Object.entries(FUNCTION_SPECS) as [FunctionName, FunctionSpec][]) {
      const { fn } = new ReportingFunction(this, pascal(name), {
        entry: join(props.handlersDir, `${name}.ts`),
        runtime: config.lambdaRuntime,
        logRetention: props.logRetention,
        environment,
        description: spec.description,
        timeout: spec.timeout,
      });
      if (spec.table === 'read') props.table.grantReadData(fn);
      if (spec.table === 'readWrite') props.table.grantReadWriteData(fn);
      if (spec.table !== 'none' && fn.role !== undefined) {
        Validations.of(fn.role).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${tableLogicalId}.Arn>/index/*]`,
          reason:
            "The grant covers the table's own indexes only (gsi1: department/period lookups), no other table.",
        });
      }

      const integration = new HttpLambdaIntegration(`${pascal(name)}Integration`, fn);
      for (const [method, path] of spec.routes) {
        const routes = this.api.addRoutes({
          path,
          methods: [method],
          integration,
          ...(spec.public ? { authorizer: new HttpNoneAuthorizer() } : {}),
        });
        if (spec.public) {
          for (const route of routes) {
            Validations.of(route).acknowledge({
              id: 'AwsSolutions-APIG4',
              reason:
                'API.md: health and the OpenAPI document are public (monitoring, client generation); they expose no data.',
            });
          }
        }
      }
      functions[name] = fn;
    }
    this.functions = functions as Record<FunctionName, NodejsFunction>;
  }
}

/** CloudWatch namespace of the handlers' Powertools metrics (the reminder-failure alarm reads it). */
export const METRICS_NAMESPACE = 'LegalReporting';

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
