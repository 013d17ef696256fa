/**
 * Catalogue in DynamoDB. Access patterns:
 * - list metrics / departments / rules: Query pk=CATALOG, sk begins_with METRIC# | DEPT# | RULE#
 * - one department (with ancestors, version, reportingCount): GetItem pk=CATALOG, sk=DEPT#<id>
 * - direct children of a unit: Query gsi1 gsi1pk=CHILDREN#<parentId|_root>
 * - save departments: TransactWriteItems of Puts, each conditioned on the version read (chunks of 100)
 */
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Metric, Rule, StoredDepartment } from '../../../../shared/src/domain/catalog';
import { VersionConflictError } from '../../../../shared/src/domain/errors';
import type { CatalogStore, DepartmentChange } from '../../../../shared/src/ports/catalog-store';
import type { DocumentClient } from './client';
import { cancellationCodes, translateBusy } from './errors';
import { CATALOG_PK, keys } from './keys';

type Item = Record<string, unknown>;

export class DynamoDbCatalogStore implements CatalogStore {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  async listMetrics(): Promise<Metric[]> {
    const items = await this.queryCatalog('METRIC#');
    return items.map((i) => ({
      metricId: i.metricId as string,
      name: i.name as Metric['name'],
      unit: i.unit as Metric['unit'],
    }));
  }

  async putMetric(metric: Metric): Promise<{ created: boolean }> {
    return this.putReturningCreated({ ...keys.metric(metric.metricId), type: 'metric', ...metric });
  }

  async getDepartment(departmentId: string): Promise<StoredDepartment | null> {
    const res = await this.db
      .send(
        new GetCommand({
          TableName: this.tableName,
          Key: keys.department(departmentId),
          ConsistentRead: true,
        }),
      )
      .catch(translateBusy);
    return res.Item ? toDepartment(res.Item) : null;
  }

  async listDepartments(): Promise<StoredDepartment[]> {
    return (await this.queryCatalog('DEPT#')).map(toDepartment);
  }

  async listChildren(parentId: string | null): Promise<StoredDepartment[]> {
    const out: StoredDepartment[] = [];
    let start: Item | undefined;
    do {
      const res = await this.db
        .send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :p',
            ExpressionAttributeValues: { ':p': keys.children(parentId) },
            ExclusiveStartKey: start,
          }),
        )
        .catch(translateBusy);
      for (const item of res.Items ?? []) out.push(toDepartment(item));
      start = res.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async saveDepartments(changes: DepartmentChange[]): Promise<void> {
    for (let i = 0; i < changes.length; i += 100) {
      const chunk = changes.slice(i, i + 100);
      try {
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: chunk.map((c) => ({
              Put: {
                TableName: this.tableName,
                Item: {
                  ...keys.department(c.department.departmentId),
                  gsi1pk: keys.children(c.department.parentId),
                  gsi1sk: `DEPT#${c.department.departmentId}`,
                  type: 'department',
                  ...c.department,
                  ancestors: c.ancestors,
                  reportingCount: c.reportingCount,
                  version: c.expectedVersion + 1,
                },
                ConditionExpression: c.expectedVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
                ...(c.expectedVersion === 0
                  ? {}
                  : { ExpressionAttributeValues: { ':v': c.expectedVersion } }),
              },
            })),
          }),
        );
      } catch (err) {
        const codes = cancellationCodes(err);
        if (codes) {
          const idx = codes.findIndex((c) => c !== 'None');
          throw new VersionConflictError(chunk[Math.max(idx, 0)]?.expectedVersion ?? 0, null, { cause: err });
        }
        translateBusy(err);
      }
    }
  }

  async listRules(): Promise<Rule[]> {
    const items = await this.queryCatalog('RULE#');
    return items.map((i) => ({
      ruleId: i.ruleId as string,
      left: i.left as string,
      op: i.op as Rule['op'],
      right: i.right as string,
      severity: i.severity as Rule['severity'],
      message: i.message as Rule['message'],
    }));
  }

  async putRule(rule: Rule): Promise<{ created: boolean }> {
    return this.putReturningCreated({ ...keys.rule(rule.ruleId), type: 'rule', ...rule });
  }

  private async putReturningCreated(item: Item): Promise<{ created: boolean }> {
    const res = await this.db
      .send(new PutCommand({ TableName: this.tableName, Item: item, ReturnValues: 'ALL_OLD' }))
      .catch(translateBusy);
    return { created: !res.Attributes };
  }

  private async queryCatalog(prefix: string): Promise<Item[]> {
    const out: Item[] = [];
    let start: Item | undefined;
    do {
      const res = await this.db
        .send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ':pk': CATALOG_PK, ':prefix': prefix },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        )
        .catch(translateBusy);
      out.push(...(res.Items ?? []));
      start = res.LastEvaluatedKey;
    } while (start);
    return out;
  }
}

function toDepartment(i: Item): StoredDepartment {
  return {
    departmentId: i.departmentId as string,
    name: i.name as StoredDepartment['name'],
    parentId: (i.parentId as string | null | undefined) ?? null,
    metrics: (i.metrics as string[] | undefined) ?? [],
    contacts: (i.contacts as StoredDepartment['contacts'] | undefined) ?? [],
    ancestors: (i.ancestors as string[] | undefined) ?? [],
    version: Number(i.version ?? 0),
    reportingCount: Number(i.reportingCount ?? 0),
  };
}
