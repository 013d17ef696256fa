import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { createDocumentClient } from '../../lambda/src/adapters/dynamodb/client';
import { DynamoDbSubmissionStore } from '../../lambda/src/adapters/dynamodb/dynamodb-submission-store';
import { routeHandler } from '../../lambda/src/adapters/http/http-handler';
import { routes as submissionRoutes } from '../../lambda/src/handlers/submissions';
import { ServiceBusyError } from '../../shared/src/domain/errors';
import type { Deps } from '../../shared/src/use-cases/deps';
import { reconcileCounters } from '../../shared/src/use-cases/reconcile-counters';
import { MAX_SUBMIT_ATTEMPTS } from '../../shared/src/use-cases/submit-monthly-counts';
import { seedSmallCatalog, startTestStack, type TestStack } from '../helpers/stack';

/**
 * Throttling and transaction conflicts injected at the SDK boundary (aws-sdk-client-mock on the
 * submission store's own client). Reads pass through to the real DynamoDB Local, so what is stored
 * afterwards is checked for real: a submission that ran out of retries left nothing behind.
 */
let stack: TestStack;
const real = createDocumentClient();
const mocked = createDocumentClient();
const mock = mockClient(mocked);
let sleeps: number[];
let deps: Deps;

beforeAll(async () => {
  stack = await startTestStack();
  await seedSmallCatalog(stack);
});
afterAll(() => stack.stop());

beforeEach(() => {
  mock.reset();
  // Everything not overridden by a test goes to the real database.
  for (const Command of [GetCommand, QueryCommand, ScanCommand, TransactWriteCommand, PutCommand]) {
    mock
      .on(Command as never)
      .callsFake(((input: never) =>
        real.send(new (Command as never as new (i: never) => never)(input))) as never);
  }
  sleeps = [];
  deps = {
    ...stack.deps,
    submissions: new DynamoDbSubmissionStore(mocked, stack.tableName),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };
});
afterEach(() => jest.restoreAllMocks());

const handler = routeHandler(submissionRoutes, () => deps);

function put(period: string, values: Record<string, number>) {
  return handler({
    version: '2.0',
    routeKey: 'PUT /api/submissions/{departmentId}/{period}',
    rawPath: `/api/submissions/office/${period}`,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' },
    pathParameters: { departmentId: 'office', period },
    body: JSON.stringify({ values, note: 'retry test' }),
    isBase64Encoded: false,
    requestContext: {
      requestId: 'r-1',
      routeKey: 'PUT /api/submissions/{departmentId}/{period}',
      http: { method: 'PUT', path: `/api/submissions/office/${period}` },
      authorizer: { jwt: { claims: { sub: 'li.na', name: '李娜', role: 'clerk', departmentId: 'office' } } },
    },
  } as unknown as APIGatewayProxyEventV2);
}

/** A conflict the way DynamoDB reports it: one reason per item, TransactionConflict on a counter. */
function conflict(): TransactionCanceledException {
  return new TransactionCanceledException({
    message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
    $metadata: {},
    CancellationReasons: [
      { Code: 'None' },
      { Code: 'None' },
      { Code: 'None' },
      { Code: 'None' },
      { Code: 'None' },
      { Code: 'None' },
      { Code: 'TransactionConflict' },
    ],
  });
}

const throttled = () =>
  new ProvisionedThroughputExceededException({ message: 'Rate of requests exceeds', $metadata: {} });

async function storedState(period: string) {
  const current = await stack.deps.submissions.getCurrent('office', period);
  const revisions = await stack.deps.submissions.listRevisions('office', period);
  const counters = await stack.deps.submissions.readCounters('street', period, period);
  return { current, revisions, counters };
}

/** Calls that could write outside the one transaction: there must be none. */
function looseWrites(): number {
  return [PutCommand, UpdateCommand, DeleteCommand, BatchWriteCommand].reduce(
    (n, Command) => n + mock.commandCalls(Command as never).length,
    0,
  );
}

describe('submission under transaction conflicts and throttling', () => {
  it('retries a conflicting transaction after a jittered, growing pause and then stores it once', async () => {
    let calls = 0;
    mock.on(TransactWriteCommand).callsFake((input) => {
      calls++;
      if (calls <= 3) throw conflict();
      return real.send(new TransactWriteCommand(input));
    });
    const res = await put('2023-05', { requests: 9, answered: 4 });
    expect(res.statusCode).toBe(201);
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
    const state = await storedState('2023-05');
    expect(state.current?.values).toEqual({ requests: 9, answered: 4 });
    expect(state.revisions).toHaveLength(1);
    expect(state.counters[0]?.totals).toEqual({ requests: 9, answered: 4 });
    expect((await reconcileCounters(stack.deps, { repair: false })).drift).toEqual([]);
  });

  it('answers 503 with Retry-After after a bounded number of jittered attempts, and stores nothing', async () => {
    // Full jitter: each pause is a fresh random fraction of an exponentially growing, capped ceiling.
    const draws: number[] = [];
    jest.spyOn(Math, 'random').mockImplementation(() => {
      const r = ((draws.length * 0.37) % 1) + 0.01;
      draws.push(r);
      return r;
    });
    mock.on(TransactWriteCommand).rejects(conflict());
    const res = await put('2023-06', { requests: 5, answered: 5 });

    expect(res.statusCode).toBe(503);
    expect(res.headers?.['retry-after']).toBe('1');
    const problem = JSON.parse(res.body ?? '{}');
    expect(problem.type).toBe('/problems/service-busy');
    expect(problem.detail).toContain('未被保存');
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(MAX_SUBMIT_ATTEMPTS);
    expect(sleeps).toHaveLength(MAX_SUBMIT_ATTEMPTS);
    const ceilings = sleeps.map((_, i) => Math.min(1000, 20 * 2 ** i));
    sleeps.forEach((ms, i) => {
      expect(ms).toBeCloseTo((draws[i] as number) * (ceilings[i] as number), 6);
    });
    expect(new Set(sleeps).size).toBe(sleeps.length);

    expect(looseWrites()).toBe(0);
    const state = await storedState('2023-06');
    expect(state).toEqual({ current: null, revisions: [], counters: [] });
    expect((await reconcileCounters(stack.deps, { repair: false })).drift).toEqual([]);
  });

  it('answers 503 with Retry-After at once when throttling outlasted the SDK retries, writing nothing', async () => {
    mock.on(TransactWriteCommand).rejects(throttled());
    const res = await put('2023-07', { requests: 3, answered: 1 });
    expect(res.statusCode).toBe(503);
    expect(res.headers?.['retry-after']).toBe('1');
    // The SDK already retried with backoff; the use-case does not multiply that into more load.
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(looseWrites()).toBe(0);
    expect(await storedState('2023-07')).toEqual({ current: null, revisions: [], counters: [] });
  });

  it('answers 503 when a read is throttled, before anything is written', async () => {
    mock.on(GetCommand).rejects(throttled());
    const res = await put('2023-08', { requests: 3, answered: 1 });
    expect(res.statusCode).toBe(503);
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(await storedState('2023-08')).toEqual({ current: null, revisions: [], counters: [] });
  });
});

describe('a lock meeting an in-flight transaction', () => {
  it('is a 503 the caller may retry, not a 500', async () => {
    mock
      .on(PutCommand)
      .rejects(
        new TransactionConflictException({ message: 'Transaction is ongoing for the item', $metadata: {} }),
      );
    const err = await deps.submissions
      .lock({ period: '2023-10', unitId: '_org', lockedBy: 'admin', lockedAt: new Date().toISOString() })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceBusyError);
    expect(await stack.deps.submissions.getLocks('2023-10')).toEqual([]);
  });
});

describe('the SDK retry strategy under throttling (no mock: a fake DynamoDB endpoint)', () => {
  it('makes a bounded number of attempts with full-jitter backoff, then the store reports busy', async () => {
    let attempts = 0;
    // Every request is answered the way real DynamoDB answers a throttled one.
    const server = createServer((req, res) => {
      attempts++;
      req.resume();
      res.writeHead(400, {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-errortype': 'ProvisionedThroughputExceededException',
      });
      res.end(
        JSON.stringify({
          __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
          message: 'Rate of requests exceeds the allowed throughput.',
        }),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const client = createDocumentClient({
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    });
    // Math.random is the SDK's jitter source: pinning it to 0 makes every pause 0 ms (a fast test),
    // and its calls show one fresh draw per retry.
    const random = jest.spyOn(Math, 'random').mockReturnValue(0);
    try {
      const store = new DynamoDbSubmissionStore(client, 'any');
      const err = await store.getCurrent('office', '2023-09').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ServiceBusyError);
      expect(attempts).toBe(4);
      expect(random.mock.calls.length).toBeGreaterThanOrEqual(3);
    } finally {
      client.destroy();
      await new Promise((r) => server.close(r));
    }
  });
});
