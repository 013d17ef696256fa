import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../lambda/src/local/dynamodb-local';

/** `npm start` as a user runs it: a real process, its own DynamoDB Local persisting under DATA_DIR. */
const root = join(__dirname, '../..');
let dataDir: string;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'legal-data-'));
});
const started: ChildProcess[] = [];
afterAll(async () => {
  // If an assertion failed midway, stop what is still running so no JVM outlives the test.
  for (const child of started) if (child.exitCode === null) await stop(child, 'SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

function startStack(port: number): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'lambda/src/local/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DYNAMODB_ENDPOINT: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d) => {
    out += d.toString();
  });
  return { child, output: () => out };
}

async function waitHealthy(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`stack exited: ${output()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`stack not healthy: ${output()}`);
}

function javaProcessesFor(dir: string): string[] {
  try {
    return execSync('ps -eo pid,args', { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.includes('DynamoDBLocal') && l.includes(dir));
  } catch {
    return [];
  }
}

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.kill(signal);
  return exited;
}

describe('npm start (the local stack)', () => {
  it('starts with demo data, prints the URL and how to get a token, and keeps data across restarts', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const first = startStack(port);
    await waitHealthy(url, first.child, first.output);
    expect(first.output()).toContain(`${url}/addin/taskpane.html`);
    expect(first.output()).toContain('/api/dev/token');
    expect(first.output()).toContain('演示数据已载入');

    const { token } = await (
      await fetch(`${url}/api/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sub: 'li.na', name: '李娜', role: 'clerk', departmentId: 'judicial-office' }),
      })
    ).json();
    const put = await fetch(`${url}/api/submissions/judicial-office/2021-01`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ values: { lectures: 4 } }),
    });
    expect(put.status).toBe(201);

    expect(await stop(first.child, 'SIGTERM')).toBe(0);
    expect(javaProcessesFor(dataDir)).toEqual([]);

    const second = startStack(port);
    await waitHealthy(url, second.child, second.output);
    expect(second.output()).not.toContain('演示数据已载入');
    // the token survives the restart (the signing key lives in DATA_DIR), and so does the data
    const agg = await fetch(`${url}/api/aggregates?from=2019-07&to=2021-01`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect((await agg.json()).totals.lectures).toBe(39);

    const reconcile = execSync(
      `${process.execPath} ${join(root, 'node_modules/tsx/dist/cli.mjs')} lambda/src/cli/reconcile.ts`,
      {
        cwd: root,
        env: { ...process.env, DATA_DIR: dataDir, DYNAMODB_ENDPOINT: '' },
        encoding: 'utf8',
      },
    );
    expect(reconcile).toContain('no drift');

    expect(await stop(second.child, 'SIGINT')).toBe(0);
    expect(javaProcessesFor(dataDir)).toEqual([]);
  }, 300_000);
});
