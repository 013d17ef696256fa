/**
 * Submissions, revisions, counters and locks in DynamoDB. Access patterns:
 * - current revision of a department-month: GetItem pk=SUB#<dept>, sk=PERIOD#<yyyy-mm>
 * - all current submissions of a department: Query pk=SUB#<dept>
 * - all current submissions of a month: Query gsi1 gsi1pk=PERIOD#<yyyy-mm>
 * - revision history of a department-month: Query pk=REV#<dept>#<yyyy-mm> (sk V#<version>, oldest first)
 * - counters of a unit over a month range: Query pk=AGG#<unit>, sk BETWEEN PERIOD#<from> AND PERIOD#<to>
 *   (one item per month: the cost of an aggregate does not grow with departments or revisions)
 * - locks of a month: Query pk=LOCK#<yyyy-mm> (one item per locked unit, _org for the whole organisation)
 * - every counter unit (reconcile only): Scan, projection pk
 * - accept a revision: ONE TransactWriteItems (see commit)
 */
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { PeriodLockedError, VersionConflictError } from '../../../../shared/src/domain/errors';
import type { Revision, Submission } from '../../../../shared/src/domain/submission';
import type {
  CounterRow,
  LockInfo,
  SubmissionStore,
  SubmissionWrite,
} from '../../../../shared/src/ports/submission-store';
import type { DocumentClient } from './client';
import { cancellationCodes, translateBusy } from './errors';
import { keys, METRIC_ATTR_PREFIX } from './keys';

type Item = Record<string, unknown>;

/** Raised when a transaction lost a race it may win on a retry (the use-case re-reads first). */
export class ContentionError extends VersionConflictError {}

export class DynamoDbSubmissionStore implements SubmissionStore {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  async getCurrent(departmentId: string, period: string): Promise<Submission | null> {
    const res = await this.db
      .send(
        new GetCommand({
          TableName: this.tableName,
          Key: keys.current(departmentId, period),
          ConsistentRead: true,
        }),
      )
      .catch(translateBusy);
    return res.Item ? toSubmission(res.Item) : null;
  }

  async listRevisions(departmentId: string, period: string): Promise<Revision[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.revisionPk(departmentId, period) },
      ConsistentRead: true,
    });
    return items.map(toRevision);
  }

  async listByPeriod(period: string): Promise<Submission[]> {
    const items = await this.queryAll({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': keys.byPeriod(period) },
    });
    return items.map(toSubmission);
  }

  async listForDepartment(departmentId: string): Promise<Submission[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `SUB#${departmentId}` },
      ConsistentRead: true,
    });
    return items.map(toSubmission);
  }

  /**
   * One TransactWriteItems: [0] current revision conditioned on the version read, [1] the immutable
   * revision record, [2] the department unchanged (not moved meanwhile), [3..] no lock on the period
   * for the organisation, an ancestor or the department, then ADD of the deltas to every counter unit.
   */
  async commit(write: SubmissionWrite): Promise<void> {
    const s = write.submission;
    const first = write.previousVersion === null;
    const deltaEntries = Object.entries(write.deltas);
    const touchCounters = first || deltaEntries.length > 0;
    const names: Record<string, string> = { '#w': 'w', '#unit': 'unitId', '#period': 'period' };
    const values: Record<string, unknown> = { ':one': 1, ':period': s.period };
    const adds = ['#w :one'];
    if (first) {
      names['#n'] = 'n';
      adds.push('#n :one');
    }
    deltaEntries.forEach(([metricId, delta], i) => {
      names[`#m${i}`] = keys.metricAttr(metricId);
      values[`:d${i}`] = delta;
      adds.push(`#m${i} :d${i}`);
    });

    const transactItems = [
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.current(s.departmentId, s.period),
            gsi1pk: keys.byPeriod(s.period),
            gsi1sk: `SUB#${s.departmentId}`,
            type: 'submission',
            ...s,
          },
          ConditionExpression: first ? 'attribute_not_exists(pk)' : 'version = :prev',
          ...(first ? {} : { ExpressionAttributeValues: { ':prev': write.previousVersion } }),
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.revision(s.departmentId, s.period, s.version),
            type: 'revision',
            departmentId: s.departmentId,
            period: s.period,
            version: s.version,
            values: s.values,
            note: s.note,
            submittedBy: s.submittedBy,
            submittedByName: s.submittedByName,
            submittedAt: s.submittedAt,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        ConditionCheck: {
          TableName: this.tableName,
          Key: keys.department(s.departmentId),
          ConditionExpression: 'version = :dv',
          ExpressionAttributeValues: { ':dv': write.departmentVersion },
        },
      },
      ...write.lockUnits.map((unitId) => ({
        ConditionCheck: {
          TableName: this.tableName,
          Key: keys.lock(s.period, unitId),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      })),
      ...(touchCounters
        ? write.counterUnits.map((unitId) => ({
            Update: {
              TableName: this.tableName,
              Key: keys.counter(unitId, s.period),
              UpdateExpression: `SET #unit = :u, #period = :period ADD ${adds.join(', ')}`,
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: { ...values, ':u': unitId },
            },
          }))
        : []),
    ];

    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: transactItems }));
    } catch (err) {
      const codes = cancellationCodes(err);
      if (!codes) translateBusy(err);
      const lockStart = 3;
      const lockEnd = lockStart + write.lockUnits.length;
      for (let i = lockStart; i < lockEnd; i++) {
        if (codes[i] === 'ConditionalCheckFailed') throw new PeriodLockedError(s.period, { cause: err });
      }
      if (codes[0] === 'ConditionalCheckFailed' || codes[1] === 'ConditionalCheckFailed') {
        throw new VersionConflictError(write.previousVersion ?? 0, null, { cause: err });
      }
      // The department changed under us, or another transaction touched the same items: retry.
      throw new ContentionError(write.previousVersion ?? 0, null, { cause: err });
    }
  }

  async readCounters(unitId: string, from: string, to: string): Promise<CounterRow[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': keys.counterPk(unitId),
        ':from': `PERIOD#${from}`,
        ':to': `PERIOD#${to}`,
      },
      ConsistentRead: true,
    });
    return items.map((i) => toCounterRow(unitId, i));
  }

  async listCounterUnits(): Promise<string[]> {
    const units = new Set<string>();
    let start: Item | undefined;
    do {
      const res = await this.db
        .send(
          new ScanCommand({
            TableName: this.tableName,
            FilterExpression: 'begins_with(pk, :agg)',
            ExpressionAttributeValues: { ':agg': 'AGG#' },
            ProjectionExpression: 'pk',
            ExclusiveStartKey: start,
          }),
        )
        .catch(translateBusy);
      for (const item of res.Items ?? []) units.add(String(item.pk).slice(4));
      start = res.LastEvaluatedKey;
    } while (start);
    return [...units];
  }

  async adjustCounter(
    unitId: string,
    period: string,
    diff: Record<string, number>,
    receivedDiff: number,
    expectedWrites: number,
  ): Promise<boolean> {
    const names: Record<string, string> = { '#w': 'w', '#n': 'n', '#unit': 'unitId', '#period': 'period' };
    const values: Record<string, unknown> = { ':one': 1, ':rd': receivedDiff, ':u': unitId, ':p': period };
    const adds = ['#w :one', '#n :rd'];
    Object.entries(diff).forEach(([metricId, d], i) => {
      names[`#m${i}`] = keys.metricAttr(metricId);
      values[`:d${i}`] = d;
      adds.push(`#m${i} :d${i}`);
    });
    values[':ew'] = expectedWrites;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.counter(unitId, period),
          UpdateExpression: `SET #unit = :u, #period = :p ADD ${adds.join(', ')}`,
          ConditionExpression: expectedWrites === 0 ? 'attribute_not_exists(pk) OR #w = :ew' : '#w = :ew',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (err) {
      if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      return translateBusy(err);
    }
  }

  async getLocks(period: string): Promise<LockInfo[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.lockPk(period) },
      ConsistentRead: true,
    });
    return items.map((i) => ({
      period,
      unitId: i.unitId as string,
      lockedBy: i.lockedBy as string,
      ...(i.lockedByName ? { lockedByName: i.lockedByName as string } : {}),
      lockedAt: i.lockedAt as string,
    }));
  }

  async lock(info: LockInfo): Promise<void> {
    await this.db
      .send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.lock(info.period, info.unitId), type: 'lock', ...info },
        }),
      )
      .catch(translateBusy);
  }

  async unlock(period: string, unitId: string): Promise<boolean> {
    const res = await this.db
      .send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.lock(period, unitId),
          ReturnValues: 'ALL_OLD',
        }),
      )
      .catch(translateBusy);
    return Boolean(res.Attributes);
  }

  private async queryAll(
    input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>,
  ): Promise<Item[]> {
    const out: Item[] = [];
    let start: Item | undefined;
    do {
      const res = await this.db
        .send(new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey: start }))
        .catch(translateBusy);
      out.push(...(res.Items ?? []));
      start = res.LastEvaluatedKey;
    } while (start);
    return out;
  }
}

function toRevision(i: Item): Revision {
  return {
    version: Number(i.version),
    values: i.values as Record<string, number>,
    note: (i.note as string | null | undefined) ?? null,
    submittedBy: i.submittedBy as string,
    ...(i.submittedByName ? { submittedByName: i.submittedByName as string } : {}),
    submittedAt: i.submittedAt as string,
  };
}

function toSubmission(i: Item): Submission {
  return {
    ...toRevision(i),
    departmentId: i.departmentId as string,
    period: i.period as string,
    late: Boolean(i.late),
    firstSubmittedAt: i.firstSubmittedAt as string,
  };
}

function toCounterRow(unitId: string, i: Item): CounterRow {
  const totals: Record<string, number> = {};
  for (const [k, v] of Object.entries(i)) {
    if (k.startsWith(METRIC_ATTR_PREFIX)) totals[k.slice(METRIC_ATTR_PREFIX.length)] = Number(v);
  }
  return {
    unitId,
    period: String(i.sk).slice('PERIOD#'.length),
    totals,
    received: Number(i.n ?? 0),
    writes: Number(i.w ?? 0),
  };
}
