/**
 * `npm start`: the whole local stack. Honours PORT (3000), HOST (127.0.0.1), DATA_DIR (.data/) and
 * HTTPS=1 (the Office dev certificate, for sideloading into Excel). Ctrl-C / SIGTERM stop everything,
 * DynamoDB Local's JVM included.
 */
import { reminderOptionsFromEnv } from '../wiring';
import { startLocalStack } from './server';

async function main(): Promise<void> {
  // The pinned SDK runs on Node 20; its notice about future releases needing Node 22 is not for users.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  const dataDir = process.env.DATA_DIR ?? '.data';
  const https = process.env.HTTPS === '1' || process.env.HTTPS === 'true';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  const log = (line: string) => process.stdout.write(`${line}\n`);

  const scheme = https ? 'https' : 'http';
  const stack = await startLocalStack({
    port,
    host,
    dataDir,
    https,
    log,
    // Reminders as deployed (REMINDER_CHANNELS, COORDINATOR_EMAILS, WEBHOOK_CONFIG, REMINDER_SCHEDULE…);
    // e-mail lands in the local outbox. REMINDER_SCHEDULER=off stops the daily in-process run.
    reminders: {
      ...reminderOptionsFromEnv(process.env),
      addinUrl: process.env.ADDIN_URL ?? `${scheme}://${https ? 'localhost' : host}:${port}`,
      ...(process.env.COORDINATOR_EMAILS ? {} : { coordinatorEmails: ['coordinators@localhost'] }),
    },
    reminderTimer: { enabled: process.env.REMINDER_SCHEDULER !== 'off', time: process.env.REMINDER_TIME },
  });
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
  log(
    `法治建设月报 · 本地环境已就绪 / local stack ready${stack.seeded ? ' (演示数据已载入 / demo data loaded)' : ''}`,
  );
  log(`  Task pane 任务窗格:  ${stack.url}/addin/taskpane.html`);
  log(`  API:                 ${stack.url}/api/health   ·   ${stack.url}/api/openapi.json`);
  log(`  Data 数据目录:        ${dataDir}`);
  if (stack.reminderTimer)
    log(
      `  Reminders 催报:      每个工作日 ${process.env.REMINDER_TIME ?? '09:30'}（上海时间）· ${stack.url}/api/reminders/outbox`,
    );
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
