import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

/**
 * The single DynamoDB table (the layout is known only to lambda/src/adapters/dynamodb).
 * On-demand: an idle month costs nothing but storage. The data is the office's official record, so
 * the table survives `cdk destroy` (RETAIN), refuses deletion (deletion protection) and can be
 * restored to any second of the last 35 days (point-in-time recovery).
 */
export class ReportingTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // Short-lived records (reminder send markers, idempotency) carry an epoch-seconds `ttl`.
      timeToLiveAttribute: 'ttl',
    });
    this.table.addGlobalSecondaryIndex({
      indexName: 'gsi1',
      partitionKey: { name: 'gsi1pk', type: AttributeType.STRING },
      sortKey: { name: 'gsi1sk', type: AttributeType.STRING },
    });
  }
}
