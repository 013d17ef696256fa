import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The document client, built once per cold start. Locally `DYNAMODB_ENDPOINT` points at DynamoDB Local.
 * The SDK's standard retry strategy (exponential backoff with full jitter, bounded attempts) covers
 * throttling; transaction conflicts are retried by the use-case, which must re-read first.
 */
export function createDocumentClient(
  options: { endpoint?: string; region?: string; maxAttempts?: number } = {},
) {
  const endpoint = options.endpoint ?? process.env.DYNAMODB_ENDPOINT;
  const client = new DynamoDBClient({
    region: options.region ?? process.env.AWS_REGION ?? 'cn-north-1',
    maxAttempts: options.maxAttempts ?? 4,
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}

export type DocumentClient = ReturnType<typeof createDocumentClient>;
