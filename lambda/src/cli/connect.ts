import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Deps } from '../../../shared/src/use-cases/deps';
import { type RunningDynamoDb, startDynamoDbLocal } from '../local/dynamodb-local';
import { buildDeps } from '../wiring';

async function reachable(endpoint: string): Promise<boolean> {
  try {
    await fetch(endpoint, { method: 'POST', body: '{}', signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

/**
 * The store a command-line tool works on: the running local stack of DATA_DIR (its stack.json),
 * else DynamoDB Local started on DATA_DIR for the command's duration; with TABLE_NAME (and no
 * DYNAMODB_ENDPOINT) the deployed table in AWS. `close()` stops what was started here.
 */
export async function connectForCli(): Promise<{ deps: Deps; close(): Promise<void> }> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dataDir = process.env.DATA_DIR ?? '.data';
  let endpoint = process.env.DYNAMODB_ENDPOINT || undefined;
  let tableName = process.env.TABLE_NAME ?? 'legal-reporting';
  let own: RunningDynamoDb | undefined;
  if (!endpoint && !process.env.TABLE_NAME) {
    const stackFile = join(dataDir, 'stack.json');
    const running = existsSync(stackFile)
      ? (JSON.parse(readFileSync(stackFile, 'utf8')) as { dynamoEndpoint: string; tableName: string })
      : null;
    if (running && (await reachable(running.dynamoEndpoint))) {
      endpoint = running.dynamoEndpoint;
      tableName = running.tableName;
    } else {
      own = await startDynamoDbLocal({ dataDir: join(dataDir, 'dynamodb') });
      endpoint = own.endpoint;
    }
  }
  return { deps: buildDeps({ tableName, endpoint }), close: async () => own?.stop() };
}
