import { isAbsolute, join } from 'node:path';
import { Annotations, CfnOutput, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { ReportingConfig } from './config';
import { ADDIN_PREFIX, AddinHosting } from './constructs/addin-hosting';
import { OperationsAlarms } from './constructs/operations-alarms';
import { ReminderSchedule } from './constructs/reminder-schedule';
import { METRICS_NAMESPACE, ReportingApi } from './constructs/reporting-api';
import { ReportingTable } from './constructs/reporting-table';

/** Repository root, for the default paths of the handlers and the built add-in. */
const REPO_ROOT = join(__dirname, '../..');

export interface ReportingStackProps extends StackProps {
  readonly config: ReportingConfig;
  /** Folder with the handler entries; defaults to lambda/src/handlers. */
  readonly handlersDir?: string;
}

/** The whole deployed system: table, API + functions, reminder schedule, add-in hosting, alarms. */
export class ReportingStack extends Stack {
  readonly api: ReportingApi;
  readonly hosting: AddinHosting;
  readonly reminders: ReminderSchedule;
  readonly alarms: OperationsAlarms;

  constructor(scope: Construct, id: string, props: ReportingStackProps) {
    super(scope, id, props);
    const { config } = props;
    const logRetention = toRetentionDays(config.logRetentionDays);

    for (const key of config.placeholders) {
      Annotations.of(this).addWarning(
        `context ${key} is not set: a placeholder is used. Set it (-c ${key}=...) before deploying (see infra/README-infra.md).`,
      );
    }

    const { table } = new ReportingTable(this, 'Data');

    this.hosting = new AddinHosting(this, 'Addin', {
      config,
      addinDistPath: isAbsolute(config.addinDist) ? config.addinDist : join(REPO_ROOT, config.addinDist),
    });

    this.api = new ReportingApi(this, 'Api', {
      config,
      table,
      handlersDir: props.handlersDir ?? join(REPO_ROOT, 'lambda/src/handlers'),
      addinOrigin: this.hosting.origin,
      logRetention,
    });
    const apiOnAddinDomain = this.hosting.routeApi(this.api.api);

    this.reminders = new ReminderSchedule(this, 'Reminders', {
      config,
      reminders: this.api.functions.reminders,
    });

    this.alarms = new OperationsAlarms(this, 'Alarms', {
      api: this.api.api,
      reminders: this.api.functions.reminders,
      reminderDeadLetterQueue: this.reminders.deadLetterQueue,
      metricsNamespace: METRICS_NAMESPACE,
      alarmEmail: config.alarmEmail,
    });

    this.acknowledgeCdkProviders();

    new CfnOutput(this, 'AddinBaseUrl', {
      description: 'ADDIN_BASE_URL for `npm run build:addin` (the manifest points here)',
      value: this.hosting.origin,
    });
    new CfnOutput(this, 'AddinDomainName', {
      description: 'CloudFront domain of the add-in (point a custom domain CNAME here)',
      value: this.hosting.distribution.distributionDomainName,
    });
    new CfnOutput(this, 'TaskpaneUrl', { value: `${this.hosting.origin}/${ADDIN_PREFIX}/taskpane.html` });
    new CfnOutput(this, 'ManifestUrl', {
      description: 'The deployed manifest (after build:addin with ADDIN_BASE_URL and a second deploy)',
      value: `${this.hosting.origin}/${ADDIN_PREFIX}/manifest.deployed.xml`,
    });
    new CfnOutput(this, 'ApiUrl', {
      description: 'HTTP API endpoint (execute-api)',
      value: this.api.url,
    });
    new CfnOutput(this, 'AddinApiBaseUrl', {
      description:
        'ADDIN_API_BASE_URL for `npm run build:addin` (empty: the add-in calls /api on its own domain)',
      value: apiOnAddinDomain ? '(empty)' : this.api.url.replace(/\/+$/, ''),
    });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'WebhookSecretName', { value: this.reminders.webhookSecretName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
    new CfnOutput(this, 'ReminderDeadLetterQueueUrl', { value: this.reminders.deadLetterQueue.queueUrl });
  }

  /**
   * cdk-nag findings on the custom-resource providers aws-cdk-lib adds itself (S3 auto-delete,
   * BucketDeployment): their code, runtime and role are not ours to choose. Acknowledged on exactly
   * those constructs, so the same findings on our own functions still fail the synth.
   */
  private acknowledgeCdkProviders(): void {
    for (const child of this.node.children) {
      if (!child.node.id.startsWith('Custom::')) continue;
      Validations.of(child).acknowledge(
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: `${child.node.id} is an aws-cdk-lib provider; its role template is fixed by the library.`,
        },
        {
          id: 'AwsSolutions-L1',
          reason: `${child.node.id} is an aws-cdk-lib provider; its runtime is pinned by the library version.`,
        },
      );
    }
  }
}

function toRetentionDays(days: number): RetentionDays {
  const allowed = Object.values(RetentionDays).filter((v): v is RetentionDays => typeof v === 'number');
  if (!allowed.includes(days as RetentionDays)) {
    throw new Error(`context logRetentionDays=${days}: CloudWatch Logs accepts only ${allowed.join(', ')}`);
  }
  return days as RetentionDays;
}
