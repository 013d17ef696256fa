/**
 * `npm run reconcile [-- --repair]`: recomputes every counter from the current revisions and reports
 * any drift; `--repair` fixes it. Uses the running local stack (DATA_DIR/stack.json), else starts
 * DynamoDB Local on DATA_DIR itself; with TABLE_NAME (and no DATA_DIR) it runs against AWS.
 * Exit code: 0 clean or repaired, 2 drift found and not repaired.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reconcileCounters } from '../../../shared/src/use-cases/reconcile-counters';
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

async function main(): Promise<number> {
  const repair = process.argv.includes('--repair');
  const dataDir = process.env.DATA_DIR ?? '.data';
  let endpoint = process.env.DYNAMODB_ENDPOINT;
  let tableName = process.env.TABLE_NAME ?? 'legal-reporting';
  let own: RunningDynamoDb | undefined;
  const stackFile = join(dataDir, 'stack.json');
  if (!endpoint && !process.env.TABLE_NAME) {
    const running = existsSync(stackFile) ? (JSON.parse(readFileSync(stackFile, 'utf8')) as { dynamoEndpoint: string; tableName: string }) : null;
    if (running && (await reachable(running.dynamoEndpoint))) {
      endpoint = running.dynamoEndpoint;
      tableName = running.tableName;
    } else {
      own = await startDynamoDbLocal({ dataDir: join(dataDir, 'dynamodb') });
      endpoint = own.endpoint;
    }
  }
  try {
    const deps = buildDeps({ tableName, endpoint });
    const report = await reconcileCounters(deps, { repair });
    console.log(`检查了 ${report.units} 个单位、${report.rows} 条月度计数 / checked ${report.units} units, ${report.rows} monthly counters`);
    if (report.drift.length === 0) {
      console.log('无偏差 / no drift: every counter equals the sum of the current revisions.');
      return 0;
    }
    console.log(`发现 ${report.drift.length} 处偏差 / ${report.drift.length} drifted values:`);
    console.table(report.drift);
    if (repair) {
      console.log(`已修复 ${report.repaired} 条计数 / repaired ${report.repaired} counters.`);
      return 0;
    }
    console.log('运行 npm run reconcile -- --repair 修复 / run `npm run reconcile -- --repair` to fix.');
    return 2;
  } finally {
    await own?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`reconcile failed: ${err.message}`);
    process.exit(1);
  },
);
