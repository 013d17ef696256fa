/**
 * The local stack: Amazon's DynamoDB Local, the API served through the same Lambda handlers that are
 * deployed (events shaped like API Gateway HTTP API payload v2, JWTs verified like its authorizer),
 * and the add-in's static files.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type Lang, pickLang, text } from '../../../shared/src/domain/localized';
import type { Deps } from '../../../shared/src/use-cases/deps';
import { ensureTable } from '../adapters/dynamodb/table';
import { type HttpHandler, type Routes, routeHandler } from '../adapters/http/http-handler';
import { problemResponse } from '../adapters/http/problem-json';
import { localRoutes as reminderLocalRoutes } from '../handlers/reminders';
import { buildDeps, type ReminderOptions } from '../wiring';
import { loadDemoData, PinnableClock } from './demo-data';
import { devRoutes } from './dev-routes';
import { type RunningDynamoDb, startDynamoDbLocal } from './dynamodb-local';
import { createLocalAuth, type LocalAuth } from './local-auth';
import { type ReminderTimer, type ReminderTimerOptions, startReminderTimer } from './reminder-timer';
import { HANDLER_ROUTES } from './route-table';

export interface LocalStackOptions {
  port?: number;
  host?: string;
  /** Where the database persists; null keeps it in memory (tests). */
  dataDir?: string | null;
  /** Load the demo on first start (an empty table). Default true. */
  seedDemo?: boolean;
  https?: boolean;
  tableName?: string;
  /** Use a DynamoDB Local that is already running instead of spawning one. */
  dynamoEndpoint?: string;
  addinDir?: string;
  log?: (line: string) => void;
  /** Extra route groups (e.g. from later features); same shape as the handlers' `routes`. */
  extraRoutes?: Record<string, Routes>;
  /** Channels, recipients, webhook settings, language and schedule of the reminder job. */
  reminders?: ReminderOptions;
  /** The in-process daily reminder run (off unless enabled; `npm start` enables it). */
  reminderTimer?: ReminderTimerOptions & { enabled?: boolean };
}

export interface LocalStack {
  url: string;
  port: number;
  dynamoEndpoint: string;
  tableName: string;
  deps: Deps;
  auth: LocalAuth;
  clock: PinnableClock;
  seeded: boolean;
  /** The in-process reminder schedule, when enabled. */
  reminderTimer: ReminderTimer | null;
  stop(): Promise<void>;
}

/** Request bodies beyond this are cut off at the socket; the handlers answer 413 above 64 KB anyway. */
const SOCKET_BODY_LIMIT = 1024 * 1024;

interface CompiledRoute {
  method: string;
  pattern: RegExp;
  paramNames: string[];
  routeKey: string;
  auth: boolean;
  handler: HttpHandler;
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const log = options.log ?? (() => undefined);
  const dataDir = options.dataDir === undefined ? '.data' : options.dataDir;
  const tableName = options.tableName ?? 'legal-reporting';
  let dynamo: RunningDynamoDb | undefined;
  let endpoint = options.dynamoEndpoint;
  if (!endpoint) {
    log('starting DynamoDB Local…');
    dynamo = await startDynamoDbLocal({ dataDir: dataDir ? join(dataDir, 'dynamodb') : undefined });
    endpoint = dynamo.endpoint;
  }
  try {
    const raw = new DynamoDBClient({
      endpoint,
      region: process.env.AWS_REGION ?? 'cn-north-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await ensureTable(raw, tableName);
    raw.destroy();

    const clock = new PinnableClock();
    const deps = buildDeps({
      tableName,
      endpoint,
      clock,
      reminders: { coordinatorEmails: ['coordinators@localhost'], ...options.reminders },
    });
    let seeded = false;
    if (options.seedDemo !== false && (await deps.catalog.listMetrics()).length === 0) {
      log('loading demo data (2019-07..2020-12)…');
      let lastShown = 0;
      await loadDemoData(deps, clock, (done, total) => {
        const pct = Math.floor((done / total) * 100);
        if (pct >= lastShown + 20 || done === total) {
          lastShown = pct;
          log(`  demo data ${pct}% (${done}/${total})`);
        }
      });
      seeded = true;
    }

    const auth = createLocalAuth(dataDir);
    const routes = compileRoutes(
      { ...HANDLER_ROUTES, ...options.extraRoutes, dev: devRoutes(auth), outbox: reminderLocalRoutes },
      () => deps,
    );
    const addinDir = resolve(options.addinDir ?? join(__dirname, '../../../addin/dist'));
    const listener = (req: IncomingMessage, res: ServerResponse) => {
      handle(req, res, routes, auth, addinDir).catch((err) => {
        log(`request failed: ${(err as Error).stack ?? err}`);
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'text/plain' });
        }
        res.end();
      });
    };
    const server: Server = options.https
      ? createHttpsServer(await devCertificate(), listener)
      : createHttpServer(listener);
    server.headersTimeout = 10_000;
    server.requestTimeout = 30_000;
    await new Promise<void>((res, rej) => {
      server.once('error', rej);
      server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', () => res());
    });
    const port = (server.address() as AddressInfo).port;
    const host = options.host ?? '127.0.0.1';
    const url = `${options.https ? 'https' : 'http'}://${options.https ? 'localhost' : host}:${port}`;
    if (dataDir) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(
        join(dataDir, 'stack.json'),
        JSON.stringify({ url, dynamoEndpoint: endpoint, tableName, pid: process.pid }, null, 2),
      );
    }
    const reminderTimer = options.reminderTimer?.enabled
      ? startReminderTimer(deps, { log, ...options.reminderTimer })
      : null;
    return {
      url,
      port,
      dynamoEndpoint: endpoint,
      tableName,
      deps,
      auth,
      clock,
      seeded,
      reminderTimer,
      async stop() {
        reminderTimer?.stop();
        server.closeAllConnections();
        await new Promise<void>((r) => server.close(() => r()));
        await dynamo?.stop();
      },
    };
  } catch (err) {
    await dynamo?.stop();
    throw err;
  }
}

async function devCertificate(): Promise<{
  key: string | Buffer;
  cert: string | Buffer;
  ca?: string | Buffer;
}> {
  const certs = await import('office-addin-dev-certs');
  return certs.getHttpsServerOptions();
}

function compileRoutes(groups: Record<string, Routes>, getDeps: () => Deps): CompiledRoute[] {
  const out: CompiledRoute[] = [];
  for (const routes of Object.values(groups)) {
    const handler = routeHandler(routes, getDeps);
    for (const [routeKey, def] of Object.entries(routes)) {
      const [method, path] = routeKey.split(' ') as [string, string];
      const paramNames: string[] = [];
      const pattern = new RegExp(
        `^${path
          .split('/')
          .map((seg) => {
            const m = /^\{(\w+)\}$/.exec(seg);
            if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
            paramNames.push(m[1] as string);
            return '([^/]+)';
          })
          .join('/')}$`,
      );
      out.push({ method, pattern, paramNames, routeKey, auth: def.auth, handler });
    }
  }
  return out;
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  routes: CompiledRoute[],
  auth: LocalAuth,
  addinDir: string,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://local');
  const lang = pickLang(url.searchParams.get('lang') ?? req.headers['accept-language']);
  if (!url.pathname.startsWith('/api/')) {
    serveStatic(url.pathname, req, res, addinDir);
    return;
  }
  const method = req.method ?? 'GET';
  const matching = routes.map((r) => ({ r, m: r.pattern.exec(url.pathname) })).filter((x) => x.m);
  const found = matching.find((x) => x.r.method === method);
  if (!found) {
    const code = matching.length > 0 ? 'method-not-allowed' : 'route-not-found';
    const detail =
      matching.length > 0
        ? text(`此接口不支持 ${method} 方法。`, `This route does not accept ${method}.`)
        : text('没有这个接口。', 'There is no such route.');
    send(res, problemResponse(code, detail, lang));
    return;
  }
  const pathParameters: Record<string, string> = {};
  try {
    found.r.paramNames.forEach((name, i) => {
      pathParameters[name] = decodeURIComponent(found.m?.[i + 1] ?? '');
    });
  } catch {
    send(
      res,
      problemResponse(
        'invalid-request',
        text('路径中含有无效的编码。', 'The path has an invalid escape.'),
        lang,
      ),
    );
    return;
  }
  const body = await readBody(req);
  if (body === null) {
    send(
      res,
      problemResponse('payload-too-large', text('请求内容超过 64 KB。', 'The body exceeds 64 KB.'), lang),
      true,
    );
    return;
  }
  let claims: Record<string, unknown> | null = null;
  if (found.r.auth) {
    claims = await auth.verify(req.headers.authorization);
    if (!claims) {
      send(
        res,
        problemResponse(
          'unauthorized',
          text(
            '请先登录：访问令牌缺失、格式有误、已过期或签名无效。',
            'Sign in first: the token is missing, malformed, expired or wrongly signed.',
          ),
          lang as Lang,
        ),
      );
      return;
    }
  }
  const event = toEvent(req, url, found.r.routeKey, pathParameters, body, claims);
  send(res, await found.r.handler(event, { awsRequestId: event.requestContext.requestId }));
}

/** The body as text, or null when it is larger than the socket limit (the rest is discarded). */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((res, rej) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > SOCKET_BODY_LIMIT) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => res(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', rej);
  });
}

function toEvent(
  req: IncomingMessage,
  url: URL,
  routeKey: string,
  pathParameters: Record<string, string>,
  body: string,
  claims: Record<string, unknown> | null,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const now = new Date();
  const event = {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    queryStringParameters: Object.keys(query).length > 0 ? query : undefined,
    pathParameters: Object.keys(pathParameters).length > 0 ? pathParameters : undefined,
    body: body === '' ? undefined : body,
    isBase64Encoded: false,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      // As the API Gateway JWT authorizer passes them: every claim a string.
      ...(claims
        ? {
            authorizer: {
              jwt: {
                claims: Object.fromEntries(
                  Object.entries(claims).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
                ),
                scopes: [],
              },
            },
          }
        : {}),
    },
  };
  return event as unknown as APIGatewayProxyEventV2;
}

function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2, close = false): void {
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k] = String(v);
  if (close) headers.connection = 'close';
  res.writeHead(result.statusCode ?? 200, headers);
  // API Gateway decodes base64 bodies (binary files such as the xlsx exports) before sending them.
  res.end(result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? ''));
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

function serveStatic(pathname: string, req: IncomingMessage, res: ServerResponse, addinDir: string): void {
  if (pathname === '/' || pathname === '/addin' || pathname === '/addin/') {
    res.writeHead(302, { location: '/addin/taskpane.html' });
    res.end();
    return;
  }
  if (!pathname.startsWith('/addin/')) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found');
    return;
  }
  let relative: string;
  try {
    relative = decodeURIComponent(pathname.slice('/addin/'.length));
  } catch {
    res.writeHead(400);
    res.end();
    return;
  }
  const file = normalize(join(addinDir, relative));
  if (!file.startsWith(addinDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(existsSync(addinDir) ? 'Not found' : 'The add-in is not built: run `npm run build:addin`.');
    return;
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}
