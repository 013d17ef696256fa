/**
 * `npm run soak`: the long form of tests/reliability/load.test.ts — 50 clients for 60 s
 * (SOAK_CLIENTS, SOAK_SECONDS) mixing submissions, revisions with and without If-Match, reads,
 * histories and aggregates on the local HTTP stack. Fails (exit 1) on any 5xx, any lost update or any
 * counter drift; prints requests per second and p50/p99 latency.
 */
import { cpus } from 'node:os';
import { logger } from '../lambda/src/adapters/logger';
import { startDynamoDbLocal } from '../lambda/src/local/dynamodb-local';
import { startLocalStack } from '../lambda/src/local/server';
import { reconcileCounters } from '../shared/src/use-cases/reconcile-counters';
import { checkWrites, describeLoad, runLoad, seedLoadCatalog } from '../tests/reliability/load-driver';
import { newTable } from './lib';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
// The logger was built at import time: quiet it here (a 503 is counted below, not logged).
logger.setLogLevel('SILENT');
const log = (s: string) => process.stdout.write(`${s}\n`);

async function main(): Promise<number> {
  const clients = Number(process.env.SOAK_CLIENTS ?? 50);
  const seconds = Number(process.env.SOAK_SECONDS ?? 60);
  log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
  const db = await startDynamoDbLocal();
  const stack = await startLocalStack({
    port: 0,
    dataDir: null,
    dynamoEndpoint: db.endpoint,
    tableName: await newTable(db.endpoint, 'soak'),
    seedDemo: false,
  });
  try {
    const admin = await stack.auth.issue({ sub: 'admin', name: 'Admin', role: 'coordinator' });
    const departments = await seedLoadCatalog(stack.url, admin, 40);
    const clerkTokens: Record<string, string> = {};
    for (const d of departments) {
      clerkTokens[d.departmentId] = await stack.auth.issue({
        sub: d.departmentId,
        name: 'Clerk',
        role: 'clerk',
        departmentId: d.departmentId,
      });
    }
    const target = {
      url: stack.url,
      coordinatorToken: admin,
      clerkTokens,
      departments,
      periods: ['2024-01', '2024-02', '2024-03'],
    };
    log(`soak: ${clients} clients for ${seconds} s…`);
    const report = await runLoad(target, { clients, durationMs: seconds * 1000 });
    log(describeLoad('soak', clients, report));
    const check = await checkWrites(target, report.writes);
    const drift = (await reconcileCounters(stack.deps, { repair: false })).drift;
    const problems = [
      report.serverErrors > 0 ? `${report.serverErrors} answers with 5xx` : '',
      report.networkErrors > 0 ? `${report.networkErrors} requests without an answer` : '',
      check.lost.length > 0 ? `lost updates: ${check.lost.slice(0, 5).join('; ')}` : '',
      check.phantom.length > 0 ? `refused writes stored: ${check.phantom.slice(0, 5).join('; ')}` : '',
      check.gaps.length + check.inconsistent.length > 0
        ? `history gaps/inconsistent: ${[...check.gaps, ...check.inconsistent].join(', ')}`
        : '',
      drift.length > 0 ? `counter drift: ${JSON.stringify(drift.slice(0, 5))}` : '',
    ].filter(Boolean);
    log(
      `checked ${check.checkedKeys} department-months: ` +
        (problems.length === 0 ? 'no 5xx, no lost update, no drift' : problems.join(' | ')),
    );
    return problems.length === 0 ? 0 : 1;
  } finally {
    await stack.stop();
    await db.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err);
    process.exit(1);
  },
);
