/**
 * Lambda cold start per handler bundle: a fresh Node process loads the bundle and serves its first
 * request (against DynamoDB Local), vs a bundle holding only the DynamoDB client that does one
 * GetItem. Same esbuild settings for both; runs interleaved; medians compared.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { buildLambdaBundles, type LambdaBundle } from '../scripts/build-lambdas';
import { median } from './lib';

const ROOT = join(__dirname, '..');

/** The first request each handler gets in the measurement (a cheap read of its own kind). */
const FIRST_REQUEST: Record<
  string,
  { routeKey: string; path: string; query?: Record<string, string>; params?: Record<string, string> }
> = {
  aggregates: {
    routeKey: 'GET /api/aggregates',
    path: '/api/aggregates',
    query: { from: '2020-01', to: '2020-12' },
  },
  catalog: { routeKey: 'GET /api/metrics', path: '/api/metrics' },
  periods: {
    routeKey: 'GET /api/periods/{period}',
    path: '/api/periods/2020-01',
    params: { period: '2020-01' },
  },
  reports: {
    routeKey: 'GET /api/reports/year-end',
    path: '/api/reports/year-end',
    query: { from: '2020-01', to: '2020-12' },
  },
  submissions: { routeKey: 'GET /api/submissions', path: '/api/submissions', query: { period: '2020-01' } },
  system: { routeKey: 'GET /api/health', path: '/api/health' },
};

async function buildBaseline(outDir: string): Promise<string> {
  const src = join(outDir, 'baseline-src.mjs');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    src,
    `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
export const handler = async () => {
  const r = await db.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: 'CATALOG', sk: 'DEPT#_health' } }));
  return { statusCode: 200, body: JSON.stringify({ found: Boolean(r.Item) }) };
};`,
  );
  const file = join(outDir, 'baseline', 'index.mjs');
  await build({
    entryPoints: [src],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: true,
    absWorkingDir: ROOT,
    nodePaths: [join(ROOT, 'node_modules')],
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    logLevel: 'warning',
  });
  return file;
}

function coldStart(
  file: string,
  request: {
    routeKey: string;
    path: string;
    query?: Record<string, string>;
    params?: Record<string, string>;
  },
  env: NodeJS.ProcessEnv,
): number {
  const event = {
    version: '2.0',
    routeKey: request.routeKey,
    rawPath: request.path,
    rawQueryString: '',
    headers: {},
    queryStringParameters: request.query,
    pathParameters: request.params,
    requestContext: {
      requestId: 'bench',
      http: { method: request.routeKey.split(' ')[0], path: request.path },
      authorizer: { jwt: { claims: { sub: 'bench', name: 'Bench', role: 'coordinator' }, scopes: [] } },
    },
    isBase64Encoded: false,
  };
  // Timed inside the child: from before the import to the first response, as Lambda's init + invoke.
  const script = `const t0 = performance.now();
const m = await import(${JSON.stringify(file)});
const r = await m.handler(${JSON.stringify(event)}, { awsRequestId: 'bench' });
if (r.statusCode !== 200) { console.error(r.body); process.exit(1); }
process.stdout.write(String(performance.now() - t0));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env,
    encoding: 'utf8',
  });
  return Number(out);
}

export async function benchColdStart(endpoint: string, tableName: string, rounds = 7) {
  const outDir = join(ROOT, 'dist/bench-lambda');
  const bundles = (await buildLambdaBundles(join(outDir, 'handlers'))).filter((b) => b.name in FIRST_REQUEST);
  const baseline = await buildBaseline(outDir);
  const env = {
    ...process.env,
    DYNAMODB_ENDPOINT: endpoint,
    TABLE_NAME: tableName,
    AWS_REGION: 'cn-north-1',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const results: { bundle: LambdaBundle; median: number; ratio: number }[] = [];
  const baseTimes: number[] = [];
  const times = new Map<string, number[]>(bundles.map((b) => [b.name, []]));
  for (let i = 0; i < rounds; i++) {
    baseTimes.push(coldStart(baseline, { routeKey: 'GET /', path: '/' }, env));
    for (const b of bundles) times.get(b.name)?.push(coldStart(b.file, FIRST_REQUEST[b.name] as never, env));
  }
  const base = median(baseTimes);
  for (const b of bundles) {
    const m = median(times.get(b.name) ?? []);
    results.push({ bundle: b, median: m, ratio: m / base });
  }
  return { baseline: base, baselineBytes: statSync(baseline).size, results };
}
