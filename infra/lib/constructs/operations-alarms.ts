import { Duration, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { type IFunction, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OperationsAlarmsProps {
  readonly api: HttpApi;
  readonly reminders: IFunction;
  readonly reminderDeadLetterQueue: IQueue;
  /** Namespace of the handlers' Powertools metrics. */
  readonly metricsNamespace: string;
  readonly alarmEmail: string | undefined;
}

/** Name of the metric reminders.ts emits (Powertools metrics) for each delivery that failed after retries. */
export const REMINDER_FAILURE_METRIC = 'ReminderDeliveryFailed';

/**
 * What the coordinator's IT contact must hear about: server errors, throttling, reminders that did
 * not go out and scheduled runs that never ran. All alarms notify one SNS topic.
 */
export class OperationsAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Rule-of-law reporting alarms',
      enforceSSL: true,
    });
    Validations.of(this.topic).acknowledge(
      ...[
        {
          id: 'AwsSolutions-SNS2',
          reason:
            'Alarm notifications carry no personal data; CloudWatch cannot publish to a topic under the AWS-managed ' +
            'SNS key, and a customer-managed key has a fixed monthly fee (idle cost goal).',
        },
      ],
    );
    if (props.alarmEmail !== undefined) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const action = new SnsAction(this.topic);

    const add = (alarm: Alarm): void => {
      alarm.addAlarmAction(action);
      this.alarms.push(alarm);
    };

    add(
      new Alarm(this, 'Api5xx', {
        alarmDescription: 'HTTP API answered 5xx (see the access logs and the function logs by request id)',
        metric: props.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 5,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    // Lambda's account-wide Throttles metric: one alarm metric (inside CloudWatch's free tier) instead
    // of one per function; throttling means the account's concurrency is exhausted, whoever caused it.
    add(
      new Alarm(this, 'LambdaThrottles', {
        alarmDescription: 'Lambda functions were throttled (account concurrency exhausted?)',
        metric: LambdaFunction.metricAllThrottles({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    add(
      new Alarm(this, 'ReminderErrors', {
        alarmDescription: 'The reminder job failed (the whole run, not a single delivery)',
        metric: props.reminders.metricErrors({ period: Duration.minutes(15), statistic: 'Sum' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    add(
      new Alarm(this, 'ReminderDeliveryFailures', {
        alarmDescription:
          'Reminders could not be delivered after retries (email or webhook); recorded per send',
        metric: new Metric({
          namespace: props.metricsNamespace,
          metricName: REMINDER_FAILURE_METRIC,
          dimensionsMap: { service: 'legal-reporting' },
          period: Duration.minutes(15),
          statistic: 'Sum',
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    add(
      new Alarm(this, 'ReminderDeadLetters', {
        alarmDescription: 'A scheduled reminder run could not be delivered to the function (see the DLQ)',
        metric: props.reminderDeadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: 'Maximum',
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
  }
}
