import { type CfnElement, Duration, SecretValue, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  ContextAttribute,
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
} from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ReportingConfig } from '../config';

export interface ReminderScheduleProps {
  readonly config: ReportingConfig;
  /** The reminders function (lambda/src/handlers/reminders.ts), also behind POST /api/reminders/run. */
  readonly reminders: IFunction & { addEnvironment(key: string, value: string): unknown };
}

/**
 * Payload the scheduler sends; reminders.ts tells it apart from an API Gateway event by `source`.
 * `scheduledTime` is the run's nominal time (ISO, UTC): the job's `asOf`, so a retried or late
 * delivery still runs for the intended day.
 */
export const SCHEDULED_EVENT = {
  source: 'legal-reporting.scheduler',
  kind: 'run-reminders',
  scheduledTime: ContextAttribute.scheduledTime,
  scheduleArn: ContextAttribute.scheduleArn,
} as const;

/**
 * The daily reminder run: EventBridge Scheduler in Asia/Shanghai with retries and a dead-letter
 * queue, the SES identity the job sends from (email channel) and the secret holding webhook settings.
 */
export class ReminderSchedule extends Construct {
  readonly schedule: Schedule;
  readonly deadLetterQueue: Queue;
  readonly webhookSecret: Secret;
  /** Literal name of the secret (the `secretName` attribute is a parsed token even when set). */
  readonly webhookSecretName: string;
  readonly emailIdentity: EmailIdentity | undefined;

  constructor(scope: Construct, id: string, props: ReminderScheduleProps) {
    super(scope, id);
    const { config, reminders } = props;

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Longest SQS retention: a failed run over a long holiday is still there to inspect afterwards.
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge(
      ...[
        {
          id: 'AwsSolutions-SQS3',
          reason: 'This queue IS the dead-letter queue of the reminder schedule; it needs no DLQ of its own.',
        },
      ],
    );

    // The job decides whether today is a reminder day (Chinese official calendar with 调休 make-up
    // Saturdays/Sundays, which no cron expression can know), so it runs every day and sends nothing
    // on other days.
    const schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
      description: 'Lets EventBridge Scheduler invoke the reminder function and dead-letter failed runs',
    });
    this.schedule = new Schedule(this, 'Daily', {
      description: 'Daily reminder run; the job itself applies the working-day calendar',
      schedule: ScheduleExpression.cron({
        minute: String(config.reminderTime.minute),
        hour: String(config.reminderTime.hour),
        timeZone: TimeZone.ASIA_SHANGHAI,
      }),
      target: new LambdaInvoke(reminders, {
        role: schedulerRole,
        input: ScheduleTargetInput.fromObject(SCHEDULED_EVENT),
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: 3,
        // A run delivered hours late would remind people in the evening; better to land in the DLQ.
        maxEventAge: Duration.hours(2),
      }),
    });

    Validations.of(schedulerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(reminders.node.defaultChild as CfnElement)}.Arn>:*]`,
      reason:
        'Versions and aliases of the one reminder function (lambda:InvokeFunction on <arn>:*), nothing else.',
    });

    this.webhookSecretName = `${Stack.of(this).stackName}/reminder-webhooks`;
    this.webhookSecret = new Secret(this, 'WebhookSecret', {
      secretName: this.webhookSecretName,
      description:
        'Webhook settings of the reminder job (robot URLs and signing secrets of WeCom / DingTalk groups). ' +
        'Set with: aws secretsmanager put-secret-value --secret-id <this> --secret-string file://webhooks.json',
      // An empty JSON object until the operator puts the real value; CloudFormation does not overwrite
      // a later put-secret-value because this template value never changes.
      secretStringValue: SecretValue.unsafePlainText('{}'),
    });
    this.webhookSecret.grantRead(reminders);
    Validations.of(this.webhookSecret).acknowledge(
      ...[
        {
          id: 'AwsSolutions-SMG4',
          reason:
            'Robot webhook URLs are issued by WeCom/DingTalk and can only be rotated there (re-create the robot); ' +
            'a rotation Lambda has nothing to rotate.',
        },
      ],
    );

    reminders.addEnvironment('WEBHOOK_SECRET_NAME', this.webhookSecretName);
    reminders.addEnvironment('REMINDER_CHANNELS', config.reminderChannels.join(','));
    reminders.addEnvironment('COORDINATOR_EMAILS', config.coordinatorEmails.join(','));

    if (config.reminderChannels.includes('email') && config.sesFromAddress !== undefined) {
      const domain = config.sesIdentityDomain;
      this.emailIdentity = new EmailIdentity(this, 'EmailIdentity', {
        identity: domain !== undefined ? Identity.domain(domain) : Identity.email(config.sesFromAddress),
      });
      // Scoped to this one identity: the function cannot send as any other sender in the account.
      this.emailIdentity.grantSendEmail(reminders);
      reminders.addEnvironment('SES_FROM_ADDRESS', config.sesFromAddress);
    }
  }
}
