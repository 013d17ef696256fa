import type { RunningDynamoDb } from '../../lambda/src/local/dynamodb-local';

export default async function globalTeardown(): Promise<void> {
  const db = (globalThis as Record<string, unknown>).__DYNAMODB__ as RunningDynamoDb | undefined;
  await db?.stop();
}
