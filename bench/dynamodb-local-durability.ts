/**
 * `npx tsx bench/dynamodb-local-durability.ts [trials]`: what DynamoDB Local (on a file database,
 * `-dbPath`) guarantees when its JVM is killed with SIGKILL — with no code of ours in the path, only
 * the bare SDK. 8 writers send writes; the JVM is killed the instant the 30th acknowledgement arrives;
 * DynamoDB Local is restarted on the same directory and every acknowledged write is looked up.
 *
 * Result on this machine (docs/performance.md, "Crash"): PutItem loses nothing that was acknowledged;
 * TransactWriteItems sometimes loses the LAST acknowledged transaction (whole: never a part of one).
 * The crash test is built around exactly that.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../lambda/src/adapters/dynamodb/client';
import { startDynamoDbLocal } from '../lambda/src/local/dynamodb-local';
import { newTable } from './lib';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const KILL_AT = 30;

interface Trial {
  acknowledged: number;
  lostAcknowledged: number[];
  /** Counter total minus transactions present: non-zero would mean a partial transaction. */
  partial: number;
}

async function trial(kind: 'put' | 'transaction'): Promise<Trial> {
  const dir = mkdtempSync(join(tmpdir(), 'ddb-durability-'));
  try {
    let db = await startDynamoDbLocal({ dataDir: dir });
    const table = await newTable(db.endpoint, 'durability');
    const client = createDocumentClient({ endpoint: db.endpoint, maxAttempts: 1 });
    const acked: number[] = [];
    let next = 0;
    let stop = false;
    const write = (i: number) =>
      kind === 'put'
        ? client.send(new PutCommand({ TableName: table, Item: { pk: `k${i}`, sk: 's' } }))
        : client.send(
            new TransactWriteCommand({
              TransactItems: [
                { Put: { TableName: table, Item: { pk: `k${i}`, sk: 's' } } },
                { Put: { TableName: table, Item: { pk: `r${i}`, sk: 's' } } },
                {
                  Update: {
                    TableName: table,
                    Key: { pk: `agg${i % 3}`, sk: 's' },
                    UpdateExpression: 'ADD n :one',
                    ExpressionAttributeValues: { ':one': 1 },
                  },
                },
              ],
            }),
          );
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (!stop) {
          const i = next++;
          try {
            await write(i);
            acked.push(i);
            if (acked.length === KILL_AT) {
              db.process.kill('SIGKILL');
              stop = true;
            }
          } catch {
            // cut off by the kill: either outcome is allowed
          }
        }
      }),
    );
    client.destroy();
    await new Promise((r) => db.process.once('exit', r)).catch(() => undefined);
    db = await startDynamoDbLocal({ dataDir: dir });
    const reader = createDocumentClient({ endpoint: db.endpoint });
    const present = new Set<string>();
    let counter = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const res = await reader.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
      for (const item of res.Items ?? []) {
        const pk = String(item.pk);
        if (pk.startsWith('k')) present.add(pk);
        if (pk.startsWith('agg')) counter += Number(item.n);
      }
      start = res.LastEvaluatedKey;
    } while (start);
    reader.destroy();
    await db.stop();
    return {
      acknowledged: acked.length,
      lostAcknowledged: acked.filter((i) => !present.has(`k${i}`)),
      partial: kind === 'transaction' ? counter - present.size : 0,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function probeDurability(trials: number, log: (s: string) => void) {
  const out: Record<string, { trials: number; withLoss: number; lost: number; partial: number }> = {};
  for (const kind of ['put', 'transaction'] as const) {
    const r = { trials, withLoss: 0, lost: 0, partial: 0 };
    for (let t = 0; t < trials; t++) {
      const res = await trial(kind);
      if (res.lostAcknowledged.length > 0) r.withLoss++;
      r.lost += res.lostAcknowledged.length;
      r.partial += res.partial;
      log(
        `  ${kind} trial ${t + 1}: ${res.acknowledged} acknowledged, lost ${JSON.stringify(res.lostAcknowledged)}`,
      );
    }
    out[kind] = r;
  }
  return out;
}

if (require.main === module) {
  probeDurability(Number(process.argv[2] ?? 5), (s) => process.stdout.write(`${s}\n`)).then(
    (r) => {
      process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      process.exit(0);
    },
    (err: Error) => {
      console.error(err);
      process.exit(1);
    },
  );
}
