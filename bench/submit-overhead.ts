/**
 * PUT /api/submissions through the local HTTP stack (JWT check, routing, validation, reads, the
 * transaction) vs a bare TransactWriteItems of the same items against the same DynamoDB Local.
 * Both sides write a new revision of a fresh department-month each time; rounds are interleaved.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../lambda/src/adapters/dynamodb/client';
import { keys } from '../lambda/src/adapters/dynamodb/keys';
import { startLocalStack } from '../lambda/src/local/server';
import { shiftPeriod } from '../shared/src/domain/period';
import { median, newTable, percentile } from './lib';

export async function benchSubmitOverhead(endpoint: string, rounds = 150) {
  const stack = await startLocalStack({
    port: 0,
    dataDir: null,
    dynamoEndpoint: endpoint,
    tableName: await newTable(endpoint, 'bench-put'),
    seedDemo: true,
  });
  const db = createDocumentClient({ endpoint });
  const bareTable = await newTable(endpoint, 'bench-bare');
  const token = await stack.auth.issue({
    sub: 'zhang.wei',
    name: '张伟',
    role: 'clerk',
    departmentId: 'legal-service-station',
  });
  const api: number[] = [];
  const bare: number[] = [];
  const ancestors = ['zhangmiao'];
  const counterUnits = ['legal-service-station', ...ancestors, '_org'];
  const lockUnits = ['_org', ...ancestors, 'legal-service-station'];
  // Months before the demo's: each PUT is a first submission (201), like the bare side's writes.
  const periods = Array.from({ length: rounds }, (_, i) => shiftPeriod('2019-06', -i));

  for (let i = 0; i < rounds; i++) {
    const period = periods[i] as string;
    const values = { consultations: 60 + (i % 9), 'consult-events': 1, materials: 100 + i };
    let t = performance.now();
    const res = await fetch(`${stack.url}/api/submissions/legal-service-station/${period}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ values }),
    });
    await res.text();
    if (res.status !== 201) throw new Error(`PUT answered ${res.status}`);
    api.push(performance.now() - t);

    const at = new Date().toISOString();
    const submission = {
      departmentId: 'legal-service-station',
      period,
      version: 1,
      values,
      note: null,
      submittedBy: 'zhang.wei',
      submittedAt: at,
      firstSubmittedAt: at,
      late: false,
    };
    t = performance.now();
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: bareTable,
              Item: { ...keys.current('legal-service-station', period), ...submission },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: bareTable,
              Item: { ...keys.revision('legal-service-station', period, 1), ...submission },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            ConditionCheck: {
              TableName: bareTable,
              Key: keys.department('legal-service-station'),
              ConditionExpression: 'attribute_not_exists(version) OR version = :v',
              ExpressionAttributeValues: { ':v': 1 },
            },
          },
          ...lockUnits.map((u) => ({
            ConditionCheck: {
              TableName: bareTable,
              Key: keys.lock(period, u),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          })),
          ...counterUnits.map((u) => ({
            Update: {
              TableName: bareTable,
              Key: keys.counter(u, period),
              UpdateExpression: 'ADD #w :one, #n :one, #a :a, #b :b, #c :c',
              ExpressionAttributeNames: {
                '#w': 'w',
                '#n': 'n',
                '#a': 'm:consultations',
                '#b': 'm:consult-events',
                '#c': 'm:materials',
              },
              ExpressionAttributeValues: {
                ':one': 1,
                ':a': values.consultations,
                ':b': 1,
                ':c': values.materials,
              },
            },
          })),
        ],
      }),
    );
    bare.push(performance.now() - t);
  }
  await stack.stop();
  // The first rounds warm the JIT and connections on both sides.
  const a = api.slice(10);
  const b = bare.slice(10);
  return { apiP50: median(a), apiP99: percentile(a, 99), bareP50: median(b), ratio: median(a) / median(b) };
}
