/**
 * `npm start`: the whole local stack. Honours PORT (3000), HOST (127.0.0.1), DATA_DIR (.data/) and
 * HTTPS=1 (the Office dev certificate, for sideloading into Excel). Ctrl-C / SIGTERM stop everything,
 * DynamoDB Local's JVM included.
 */
import { startLocalStack } from './server';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  const dataDir = process.env.DATA_DIR ?? '.data';
  const https = process.env.HTTPS === '1' || process.env.HTTPS === 'true';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  const log = (line: string) => process.stdout.write(`${line}\n`);

  const stack = await startLocalStack({ port, host, dataDir, https, log });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`\n${signal}: stopping… 正在停止…`);
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGHUP', () => void stop('SIGHUP'));

  log('');
  log(`法治建设月报 · 本地环境已就绪 / local stack ready${stack.seeded ? ' (演示数据已载入 / demo data loaded)' : ''}`);
  log(`  Task pane 任务窗格:  ${stack.url}/addin/taskpane.html`);
  log(`  API:                 ${stack.url}/api/health   ·   ${stack.url}/api/openapi.json`);
  log(`  Data 数据目录:        ${dataDir}`);
  log('');
  log('获取令牌 / get a token:');
  log(
    `  curl -s -X POST ${stack.url}/api/dev/token -H 'content-type: application/json' \\\n` +
      `    -d '{"sub":"wang.fang","name":"王芳","role":"coordinator"}'`,
  );
  log(`  curl -s '${stack.url}/api/aggregates?from=2019-07&to=2020-12' -H "authorization: Bearer $TOKEN"`);
  log('');
  log('按 Ctrl-C 停止 / press Ctrl-C to stop.');
}

main().catch((err: Error) => {
  process.stderr.write(`\n启动失败 / failed to start: ${err.message}\n`);
  process.exit(1);
});
