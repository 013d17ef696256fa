/**
 * The reminder log and the local outbox in DynamoDB. Access patterns:
 * - claim a send: PutItem pk=REMIND#<period>, sk=DAY#<day>#DEPT#<departmentId> (or sk=ESCALATION,
 *   once per period) with attribute_not_exists(pk): the conditional write that makes a second run
 *   on the same day send nothing. Items carry `ttl` (epoch seconds): kept ~13 months, then expire.
 * - record deliveries: UpdateItem on the same key
 * - outbox: PutItem pk=OUTBOX, sk=<sentAt>#<uuid>; list: Query pk=OUTBOX (ascending = oldest first)
 */
import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { OutboxMessage, OutboxStore } from '../../../../shared/src/ports/notifier';
import type { DeliveryRecord, ReminderClaim, ReminderLog } from '../../../../shared/src/ports/reminder-log';
import type { DocumentClient } from './client';
import { translateBusy } from './errors';
import { keys } from './keys';

/** Long enough to answer "was X reminded last month?", short enough that the log does not grow forever. */
const REMINDER_TTL_SECONDS = 400 * 86_400;
const OUTBOX_TTL_SECONDS = 90 * 86_400;

const ttlFrom = (iso: string, seconds: number) => Math.floor(Date.parse(iso) / 1000) + seconds;

export class DynamoDbReminderLog implements ReminderLog {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(claim: ReminderClaim): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.reminder(claim.period, claim.day, claim.departmentId),
            type: 'reminder',
            ...claim,
            status: 'sending',
            ttl: ttlFrom(claim.claimedAt, REMINDER_TTL_SECONDS),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (err) {
      if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      return translateBusy(err);
    }
  }

  async complete(claim: ReminderClaim, deliveries: DeliveryRecord[]): Promise<void> {
    const status = deliveries.every((d) => d.ok)
      ? 'sent'
      : deliveries.some((d) => d.ok)
        ? 'partly-failed'
        : 'failed';
    await this.db
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.reminder(claim.period, claim.day, claim.departmentId),
          UpdateExpression: 'SET #s = :s, deliveries = :d',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':s': status, ':d': deliveries },
        }),
      )
      .catch(translateBusy);
  }
}

export class DynamoDbOutbox implements OutboxStore {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  async add(message: OutboxMessage): Promise<void> {
    await this.db
      .send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.outbox(message.sentAt, randomUUID()),
            type: 'outbox',
            ...message,
            ttl: ttlFrom(message.sentAt, OUTBOX_TTL_SECONDS),
          },
        }),
      )
      .catch(translateBusy);
  }

  async list(): Promise<OutboxMessage[]> {
    const out: OutboxMessage[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const res = await this.db
        .send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': keys.outboxPk },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        )
        .catch(translateBusy);
      for (const i of res.Items ?? []) {
        out.push({
          to: i.to as string,
          channel: i.channel as OutboxMessage['channel'],
          subject: i.subject as string,
          body: i.body as string,
          departmentId: (i.departmentId as string | null | undefined) ?? null,
          period: i.period as string,
          sentAt: i.sentAt as string,
        });
      }
      start = res.LastEvaluatedKey;
    } while (start);
    return out;
  }
}
