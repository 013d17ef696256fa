import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { readConfig } from '../../infra/lib/config';
import { FUNCTION_SPECS } from '../../infra/lib/constructs/reporting-api';
import { ReportingStack } from '../../infra/lib/reporting-stack';

// One synth per configuration, shared by every assertion (esbuild bundles nine functions per synth).
jest.setTimeout(240_000);

const ROOT = join(__dirname, '../..');
// The real handlers by default; INFRA_HANDLERS_DIR points a work-in-progress run elsewhere.
const HANDLERS_DIR = process.env.INFRA_HANDLERS_DIR ?? join(ROOT, 'lambda/src/handlers');

interface Synth {
  app: App;
  stack: ReportingStack;
  template: Template;
  json: string;
  assemblyDir: string;
}

function synth(region: string, context: Record<string, unknown>, outdir: string): Synth {
  // Asset metadata (on by default only in the CLI) lets the test find each function's bundle on disk.
  const app = new App({ outdir, context: { ...context, 'aws:cdk:enable-asset-metadata': true } });
  const stack = new ReportingStack(app, 'LegalReporting', {
    env: { region, account: '123456789012' },
    config: readConfig(app.node, region),
    handlersDir: HANDLERS_DIR,
  });
  const template = Template.fromStack(stack);
  const assembly = app.synth();
  return { app, stack, template, json: JSON.stringify(template.toJSON()), assemblyDir: assembly.directory };
}

const GLOBAL_CONTEXT = {
  jwtIssuer: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0',
  jwtAudience: 'api://reports.example.org/11111111-2222-3333-4444-555555555555',
  jwtScope: 'access_as_user',
  sesFromAddress: 'reports@example.org',
  coordinatorEmails: 'zhang.wei@example.org,li.na@example.org',
  alarmEmail: 'it@example.org',
  apiThrottleRate: '20',
  apiThrottleBurst: '40',
};

const CHINA_CONTEXT = {
  jwtIssuer: 'https://login.partner.microsoftonline.cn/00000000-0000-0000-0000-000000000001/v2.0',
  jwtAudience: 'api://reports.example.gov.cn/legal',
  addinDomainName: 'report.example.gov.cn',
  addinIamCertificateId: 'ASCAEXAMPLEIAMCERT01',
};

let tmp: string;
let global: Synth;
let china: Synth;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'infra-test-'));
  // A stand-in for `npm run build:addin` output: the stack uploads whatever folder it is given.
  const dist = join(tmp, 'addin-dist');
  mkdirSync(dist);
  writeFileSync(join(dist, 'taskpane.html'), '<!doctype html><title>pane</title>');
  global = synth('ap-southeast-1', { ...GLOBAL_CONTEXT, addinDist: dist }, join(tmp, 'out-global'));
  china = synth('cn-north-1', { ...CHINA_CONTEXT, addinDist: dist }, join(tmp, 'out-china'));
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Logical id of the function whose description matches (every function describes its handler). */
function functionId(t: Template, description: string): string {
  const fns = t.findResources('AWS::Lambda::Function', { Properties: { Description: description } });
  const ids = Object.keys(fns);
  expect(ids).toHaveLength(1);
  return ids[0] as string;
}

/** Every IAM statement attached to the role of the given function. */
function statementsOf(t: Template, fnId: string): { Action: string | string[]; Resource: unknown }[] {
  const fn = t.toJSON().Resources[fnId];
  const roleId: string = fn.Properties.Role['Fn::GetAtt'][0];
  const policies = t.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleId }]) },
  });
  return Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement);
}

function actionsOf(t: Template, fnId: string): string[] {
  return statementsOf(t, fnId).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}

function routeKeys(
  t: Template,
): Record<string, { AuthorizationType: string; AuthorizationScopes?: string[] }> {
  const routes = t.findResources('AWS::ApiGatewayV2::Route');
  return Object.fromEntries(Object.values(routes).map((r) => [r.Properties.RouteKey, r.Properties]));
}

describe('DynamoDB table', () => {
  it('is on-demand, recoverable to the second, protected from deletion and kept on stack deletion', () => {
    global.template.resourceCountIs('AWS::DynamoDB::Table', 1);
    global.template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          Match.objectLike({
            IndexName: 'gsi1',
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
          }),
        ],
      },
    });
  });
});

describe('HTTP API', () => {
  it('validates JWTs from the configured issuer and audience', () => {
    global.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: GLOBAL_CONTEXT.jwtIssuer, Audience: [GLOBAL_CONTEXT.jwtAudience] },
    });
  });

  it('serves every deployed route of API.md, each behind the JWT and the required scope', () => {
    const routes = routeKeys(global.template);
    const expected = [
      'GET /api/metrics',
      'PUT /api/metrics/{metricId}',
      'GET /api/departments',
      'PUT /api/departments/{departmentId}',
      'GET /api/rules',
      'PUT /api/rules/{ruleId}',
      'PUT /api/submissions/{departmentId}/{period}',
      'GET /api/submissions/{departmentId}/{period}',
      'GET /api/submissions/{departmentId}/{period}/history',
      'GET /api/submissions',
      'GET /api/aggregates',
      'POST /api/aggregates/batch',
      'GET /api/completeness',
      'GET /api/periods/{period}',
      'PUT /api/periods/{period}/lock',
      'DELETE /api/periods/{period}/lock',
      'GET /api/calendar/{year}',
      'PUT /api/calendar/{year}',
      'POST /api/reminders/run',
      'GET /api/exports/submissions',
      'GET /api/exports/aggregates',
      'GET /api/reports/year-end',
    ];
    for (const key of expected) {
      expect({ key, ...routes[key] }).toMatchObject({
        key,
        AuthorizationType: 'JWT',
        AuthorizationScopes: ['access_as_user'],
      });
    }
    expect(Object.keys(routes).sort()).toEqual(
      [...expected, 'GET /api/health', 'GET /api/openapi.json'].sort(),
    );
  });

  it('leaves only health and the OpenAPI document open, and has no dev-token or outbox route', () => {
    const routes = routeKeys(global.template);
    expect(routes['GET /api/health']?.AuthorizationType).toBe('NONE');
    expect(routes['GET /api/openapi.json']?.AuthorizationType).toBe('NONE');
    expect(Object.keys(routes).filter((k) => /dev\/token|outbox/.test(k))).toEqual([]);
  });

  it("admits CORS from the add-in's CloudFront origin only", () => {
    const distId = Object.keys(global.template.findResources('AWS::CloudFront::Distribution'))[0];
    global.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({
        AllowOrigins: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distId, 'DomainName'] }]] }],
        AllowHeaders: Match.arrayWith(['authorization', 'if-match']),
      }),
    });
    china.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://report.example.gov.cn'] }),
    });
  });

  it('throttles the stage with the configured limits and writes access logs', () => {
    global.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
  });
});

describe('Lambda functions', () => {
  const names = Object.keys(FUNCTION_SPECS);

  it('one per handler file: arm64, Node 22+, ESM handler, Powertools and claim settings in the environment', () => {
    global.template.resourcePropertiesCountIs(
      'AWS::Lambda::Function',
      {
        Architectures: ['arm64'],
        Runtime: Match.stringLikeRegexp('^nodejs2[2-9]\\.x$'),
        Handler: 'index.handler',
      },
      names.length,
    );
    global.template.resourcePropertiesCountIs(
      'AWS::Lambda::Function',
      {
        Handler: 'index.handler',
        LoggingConfig: { LogGroup: Match.anyValue() },
        Environment: {
          Variables: Match.objectLike({
            TABLE_NAME: Match.anyValue(),
            POWERTOOLS_SERVICE_NAME: 'legal-reporting',
            POWERTOOLS_LOG_LEVEL: 'INFO',
            CLAIM_ROLE: 'role',
            CLAIM_DEPARTMENT: 'departmentId',
            CLAIM_NAME: 'name',
            DUE_WORKING_DAY: '5',
            ADDIN_URL: Match.anyValue(),
            NODE_OPTIONS: '--enable-source-maps',
          }),
        },
      },
      names.length,
    );
  });

  it('ships each handler as a minified ESM bundle with a source map', () => {
    const t = global.template;
    for (const spec of Object.values(FUNCTION_SPECS)) {
      const fn = t.toJSON().Resources[functionId(t, spec.description)];
      const assetPath: string = fn.Metadata['aws:asset:path'];
      const dir = join(global.assemblyDir, assetPath);
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
      expect(/export\s*\{[^}]*handler/.test(code)).toBe(true);
      // Minified: esbuild marks each source file with a `// path.ts` comment only when not minifying.
      expect(/^\/\/ \S+\.[mc]?[jt]s$/m.test(code)).toBe(false);
    }
  });

  it('keeps logs for the configured retention', () => {
    global.template.resourcePropertiesCountIs(
      'AWS::Logs::LogGroup',
      { RetentionInDays: 180 },
      names.length + 1,
    );
  });

  it('grants table access per function: read-only functions cannot write', () => {
    const t = global.template;
    for (const [name, spec] of Object.entries(FUNCTION_SPECS)) {
      const actions = actionsOf(t, functionId(t, spec.description));
      expect({ name, reads: actions.includes('dynamodb:Query') }).toEqual({ name, reads: true });
      expect({ name, writes: actions.includes('dynamodb:PutItem') }).toEqual({
        name,
        writes: spec.table === 'readWrite',
      });
      expect(actions.filter((a) => a === '*' || a.endsWith(':*'))).toEqual([]);
    }
  });

  it('lets only the reminder function send mail (from its SES identity) and read the webhook secret', () => {
    const t = global.template;
    const remindersId = functionId(t, FUNCTION_SPECS.reminders.description);
    const sesStatements = statementsOf(t, remindersId).filter((s) =>
      (Array.isArray(s.Action) ? s.Action : [s.Action]).includes('ses:SendEmail'),
    );
    expect(sesStatements).toHaveLength(1);
    const identityId = Object.keys(t.findResources('AWS::SES::EmailIdentity'))[0];
    expect(JSON.stringify(sesStatements[0]?.Resource)).toContain(identityId);
    expect(actionsOf(t, remindersId)).toContain('secretsmanager:GetSecretValue');

    for (const [name, spec] of Object.entries(FUNCTION_SPECS)) {
      if (name === 'reminders') continue;
      const actions = actionsOf(t, functionId(t, spec.description));
      expect({
        name,
        actions: actions.filter((a) => a.startsWith('ses:') || a.startsWith('secretsmanager:')),
      }).toEqual({ name, actions: [] });
    }
  });
});

describe('reminders', () => {
  it('runs daily at 09:30 Asia/Shanghai against the reminder function, with retries and a DLQ', () => {
    const t = global.template;
    const remindersId = functionId(t, FUNCTION_SPECS.reminders.description);
    const queueId = Object.keys(t.findResources('AWS::SQS::Queue'))[0];
    t.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 9 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [remindersId, 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } },
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 7200 },
        Input: Match.stringLikeRegexp('legal-reporting.scheduler'),
      },
    });
  });

  it('creates the SES identity for the sender and tells the function how to reach people', () => {
    const t = global.template;
    t.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'reports@example.org' });
    t.hasResourceProperties('AWS::Lambda::Function', {
      Description: FUNCTION_SPECS.reminders.description,
      Environment: {
        Variables: Match.objectLike({
          SES_FROM_ADDRESS: 'reports@example.org',
          COORDINATOR_EMAILS: 'zhang.wei@example.org,li.na@example.org',
          REMINDER_CHANNELS: 'email,webhook',
          WEBHOOK_SECRET_NAME: 'LegalReporting/reminder-webhooks',
        }),
      },
    });
    t.resourceCountIs('AWS::SecretsManager::Secret', 1);
  });

  it('uses webhooks only in the China regions, where SES does not exist', () => {
    china.template.resourceCountIs('AWS::SES::EmailIdentity', 0);
    china.template.hasResourceProperties('AWS::Lambda::Function', {
      Description: FUNCTION_SPECS.reminders.description,
      Environment: { Variables: Match.objectLike({ REMINDER_CHANNELS: 'webhook' }) },
    });
  });
});

describe('add-in hosting', () => {
  it('keeps the files in a private, TLS-only bucket readable by CloudFront alone (OAC)', () => {
    const t = global.template;
    t.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: Match.anyValue(),
    });
    t.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' }),
        ]),
      },
    });
    t.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
      }),
    });
  });

  it('uploads the built add-in under /addin/ and invalidates the CDN', () => {
    global.template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketKeyPrefix: 'addin/',
      DistributionPaths: ['/addin/*'],
    });
  });

  it('outputs the domain the manifest is generated for', () => {
    global.template.hasOutput('AddinBaseUrl', { Value: Match.anyValue() });
    global.template.hasOutput('ManifestUrl', { Value: Match.anyValue() });
    china.template.hasOutput('AddinBaseUrl', { Value: 'https://report.example.gov.cn' });
  });

  it('in China: OAI, the ICP-filed domain with an IAM certificate, and /api/* on the same domain', () => {
    const t = china.template;
    t.resourceCountIs('AWS::CloudFront::OriginAccessControl', 0);
    t.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 1);
    t.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['report.example.gov.cn'],
        ViewerCertificate: {
          IamCertificateId: 'ASCAEXAMPLEIAMCERT01',
          SslSupportMethod: 'sni-only',
          MinimumProtocolVersion: 'TLSv1.2_2021',
        },
        CacheBehaviors: [Match.objectLike({ PathPattern: '/api/*', ViewerProtocolPolicy: 'https-only' })],
      }),
    });
  });
});

describe('alarms', () => {
  it('notify one SNS topic about 5xx, throttles, failed reminder runs and deliveries, and the DLQ', () => {
    const t = global.template;
    const topicId = Object.keys(t.findResources('AWS::SNS::Topic'))[0];
    const alarms = Object.values(t.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.map((a) => a.Properties.MetricName).sort()).toEqual(
      ['5xx', 'ApproximateNumberOfMessagesVisible', 'Errors', 'ReminderDeliveryFailed', 'Throttles'].sort(),
    );
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'it@example.org' });
  });
});

describe('partitions', () => {
  it.each([
    ['ap-southeast-1', () => global],
    ['cn-north-1', () => china],
  ])('hard-codes no aws partition in ARNs (%s)', (_region, get) => {
    expect(get().json).not.toMatch(/arn:aws[:-]/);
  });
});

describe('cdk-nag AwsSolutions', () => {
  function acknowledgements(root: IConstruct): { id: string; reason: string }[] {
    return root.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ id, reason })),
      );
  }

  it.each([
    ['ap-southeast-1', () => global],
    ['cn-north-1', () => china],
  ])('reports no unacknowledged finding (%s)', (_region, get) => {
    const { app, stack } = get();
    const report = new AwsSolutionsChecks(app).validateScope(stack as Stack);
    expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources[0]?.constructPath}`)).toEqual(
      [],
    );
  });

  it('gives every acknowledgement a reason', () => {
    const acks = acknowledgements(global.stack);
    expect(acks.length).toBeGreaterThan(5);
    for (const ack of acks)
      expect({ id: ack.id, long: ack.reason.length >= 30 }).toEqual({ id: ack.id, long: true });
  });
});

describe('readConfig', () => {
  it('rejects a reminder time that is not HH:MM', () => {
    const app = new App({ context: { reminderTime: '9.30' } });
    expect(() => readConfig(app.node, 'ap-southeast-1')).toThrow(/reminderTime=9\.30/);
  });

  it('lists the settings left at placeholders so synth can warn before a deployment', () => {
    const app = new App();
    expect(readConfig(app.node, 'ap-southeast-1').placeholders).toEqual([
      'jwtIssuer',
      'jwtAudience',
      'sesFromAddress',
    ]);
    expect(readConfig(app.node, 'cn-northwest-1').placeholders).toEqual(['jwtIssuer', 'jwtAudience']);
  });
});
