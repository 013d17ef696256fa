import { startDynamoDbLocal } from '../../lambda/src/local/dynamodb-local';

/** One DynamoDB Local (in memory, sharedDb) for the whole run; each test file makes its own table. */
export default async function globalSetup(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const db = await startDynamoDbLocal();
  process.env.DYNAMODB_ENDPOINT = db.endpoint;
  process.env.AWS_REGION = 'cn-north-1';
  process.env.AWS_ACCESS_KEY_ID = 'local';
  process.env.AWS_SECRET_ACCESS_KEY = 'local';
  process.env.POWERTOOLS_LOG_LEVEL = process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT';
  (globalThis as Record<string, unknown>).__DYNAMODB__ = db;
}
