/**
 * Sustained submission throughput: PUT /api/submissions through the local HTTP stack vs bare
 * TransactWriteItems of the same items, against the same DynamoDB Local with the same concurrency.
 * Every write is a first submission of its own department-month, and writes in flight together are in
 * different months, so neither side measures counter contention (bench/contention.ts does).
 * The sides alternate in short rounds so background noise hits both alike.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../lambda/src/adapters/dynamodb/client';
import { keys } from '../lambda/src/adapters/dynamodb/keys';
import { startLocalStack } from '../lambda/src/local/server';
import { shiftPeriod } from '../shared/src/domain/period';
import { seedLoadCatalog } from '../tests/reliability/load-driver';
import { newTable } from './lib';

const STREET = 'load-street';
const GENERATIONS = 8;

export async function benchThroughput(
  endpoint: string,
  options: { concurrency?: number; roundMs?: number } = {},
) {
  const concurrency = options.concurrency ?? 16;
  const roundMs = options.roundMs ?? 8000;
  const stack = await startLocalStack({
    port: 0,
    dataDir: null,
    dynamoEndpoint: endpoint,
    tableName: await newTable(endpoint, 'bench-tput'),
    seedDemo: false,
  });
  const db = createDocumentClient({ endpoint });
  const bareTable = await newTable(endpoint, 'bench-tput-bare');
  try {
    const admin = await stack.auth.issue({ sub: 'admin', name: 'Admin', role: 'coordinator' });
    // Months stay in 1900..2019 (80 per department and client), so each client moves to a fresh
    // department every 80 writes: GENERATIONS departments per client.
    const departments = await seedLoadCatalog(stack.url, admin, concurrency * GENERATIONS);
    const tokens = await Promise.all(
      departments.map((d) =>
        stack.auth.issue({ sub: d.departmentId, name: 'Clerk', role: 'clerk', departmentId: d.departmentId }),
      ),
    );
    // Client k's j-th write goes to month -(j * concurrency + k) from 2019-06: unique, and concurrent
    // writes fall in different months.
    const nextIndex = {
      stack: Array(concurrency).fill(0) as number[],
      bare: Array(concurrency).fill(0) as number[],
    };
    const periodOf = (k: number, j: number) => shiftPeriod('2019-06', -((j % 80) * concurrency + k));
    const deptOf = (k: number, j: number) => k + concurrency * (Math.floor(j / 80) % GENERATIONS);

    const viaStack = async (k: number) => {
      const j = nextIndex.stack[k] ?? 0;
      const d = deptOf(k, j);
      const dept = departments[d]?.departmentId as string;
      const period = periodOf(k, j);
      nextIndex.stack[k] = (nextIndex.stack[k] ?? 0) + 1;
      const v = 1 + (k % 9);
      const res = await fetch(`${stack.url}/api/submissions/${dept}/${period}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[d]}` },
        body: JSON.stringify({ values: { requests: v, answered: v } }),
      });
      await res.text();
      if (res.status !== 201) throw new Error(`PUT answered ${res.status}`);
    };
    const bare = async (k: number) => {
      const j = nextIndex.bare[k] ?? 0;
      const dept = departments[deptOf(k, j)]?.departmentId as string;
      const period = periodOf(k, j);
      nextIndex.bare[k] = (nextIndex.bare[k] ?? 0) + 1;
      const v = 1 + (k % 9);
      const at = new Date().toISOString();
      const s = {
        departmentId: dept,
        period,
        version: 1,
        values: { requests: v, answered: v },
        note: null,
        submittedBy: dept,
        submittedAt: at,
        firstSubmittedAt: at,
        late: false,
      };
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: bareTable,
                Item: {
                  ...keys.current(dept, period),
                  gsi1pk: keys.byPeriod(period),
                  gsi1sk: `SUB#${dept}`,
                  ...s,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: bareTable,
                Item: { ...keys.revision(dept, period, 1), ...s },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              ConditionCheck: {
                TableName: bareTable,
                Key: keys.department(dept),
                ConditionExpression: 'attribute_not_exists(version) OR version = :v',
                ExpressionAttributeValues: { ':v': 1 },
              },
            },
            ...['_org', STREET, dept].map((u) => ({
              ConditionCheck: {
                TableName: bareTable,
                Key: keys.lock(period, u),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            })),
            ...[dept, STREET, '_org'].map((u) => ({
              Update: {
                TableName: bareTable,
                Key: keys.counter(u, period),
                UpdateExpression: 'SET #u = :u, #p = :p ADD #w :one, #n :one, #a :v, #b :v',
                ExpressionAttributeNames: {
                  '#u': 'unitId',
                  '#p': 'period',
                  '#w': 'w',
                  '#n': 'n',
                  '#a': 'm:requests',
                  '#b': 'm:answered',
                },
                ExpressionAttributeValues: { ':u': u, ':p': period, ':one': 1, ':v': v },
              },
            })),
          ],
        }),
      );
    };

    const round = async (write: (k: number) => Promise<void>) => {
      let done = 0;
      const t0 = performance.now();
      const end = t0 + roundMs;
      await Promise.all(
        Array.from({ length: concurrency }, async (_, k) => {
          while (performance.now() < end) {
            await write(k);
            done++;
          }
        }),
      );
      return { done, ms: performance.now() - t0 };
    };
    await round(viaStack); // warm-up of both sides (JIT, connections, catalogue cache)
    await round(bare);
    const totals = { stack: { done: 0, ms: 0 }, bare: { done: 0, ms: 0 } };
    for (let r = 0; r < 2; r++) {
      for (const [side, fn] of [
        ['stack', viaStack],
        ['bare', bare],
      ] as const) {
        const res = await round(fn);
        totals[side].done += res.done;
        totals[side].ms += res.ms;
      }
    }
    const stackRate = (totals.stack.done / totals.stack.ms) * 1000;
    const bareRate = (totals.bare.done / totals.bare.ms) * 1000;
    return { concurrency, stackRate, bareRate, ratio: stackRate / bareRate };
  } finally {
    db.destroy();
    await stack.stop();
  }
}
