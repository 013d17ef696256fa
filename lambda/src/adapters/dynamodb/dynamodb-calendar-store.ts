/**
 * Working-day calendar overrides in DynamoDB. Access patterns:
 * - the overrides of a range of years: Query pk=CALENDAR, sk BETWEEN YEAR#<from> AND YEAR#<to>
 *   (strongly consistent, so a PUT shows in the next due date at once)
 * - set a year: PutItem pk=CALENDAR, sk=YEAR#<year> (ReturnValues ALL_OLD tells created from replaced)
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CalendarOverride } from '../../../../shared/src/domain/calendar';
import type { CalendarStore } from '../../../../shared/src/ports/calendar-store';
import type { DocumentClient } from './client';
import { translateBusy } from './errors';
import { keys } from './keys';

export class DynamoDbCalendarStore implements CalendarStore {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  async getOverrides(from: number, to: number): Promise<CalendarOverride[]> {
    const res = await this.db
      .send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': keys.calendarPk,
            ':from': keys.calendarYear(from).sk,
            ':to': keys.calendarYear(to).sk,
          },
          ConsistentRead: true,
        }),
      )
      .catch(translateBusy);
    return (res.Items ?? []).map((i) => ({
      year: i.year as number,
      holidays: (i.holidays as string[]) ?? [],
      workdays: (i.workdays as string[]) ?? [],
      updatedBy: i.updatedBy as string,
      updatedAt: i.updatedAt as string,
    }));
  }

  async putOverride(o: CalendarOverride): Promise<{ created: boolean }> {
    const res = await this.db
      .send(
        new PutCommand({
          TableName: this.tableName,
          // Lists, not string sets: an empty arrangement (no holidays) is valid and sets cannot be empty.
          Item: { ...keys.calendarYear(o.year), type: 'calendar', ...o },
          ReturnValues: 'ALL_OLD',
        }),
      )
      .catch(translateBusy);
    return { created: res.Attributes === undefined };
  }
}
