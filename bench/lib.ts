import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../lambda/src/adapters/dynamodb/table';

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
}

export async function newTable(endpoint: string, prefix: string): Promise<string> {
  const tableName = `${prefix}-${randomUUID().slice(0, 8)}`;
  const raw = new DynamoDBClient({
    endpoint,
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(raw, tableName);
  raw.destroy();
  return tableName;
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;

export interface BenchRow {
  name: string;
  a: string;
  b: string;
  ratio: number;
  target: string;
  pass: boolean;
}
