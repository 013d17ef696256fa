import { handler, isSchedulerEvent } from '../../lambda/src/handlers/reminders';
import { type ReminderTestStack, seedReminderCatalog, startReminderStack } from './reminders-support';

describe('the local stack runs the reminder job on schedule', () => {
  let stack: ReminderTestStack;
  let admin: string;

  beforeAll(async () => {
    stack = await startReminderStack({ reminderTimer: { enabled: true, time: '09:30', checkEveryMs: 50 } });
    stack.clock.at = new Date('2025-10-09T09:00:00+08:00');
    admin = await seedReminderCatalog(stack);
  });
  afterAll(() => stack.stop());

  const outbox = async () =>
    (await stack.api('GET', '/api/reminders/outbox', { token: admin })).body.messages as { to: string }[];

  it('sends nothing before 09:30 Asia/Shanghai, then the day’s reminders into the outbox, once', async () => {
    await new Promise((r) => setTimeout(r, 300));
    expect(await outbox()).toEqual([]);

    stack.clock.at = new Date('2025-10-09T09:31:00+08:00');
    const deadline = Date.now() + 20_000;
    let messages = await outbox();
    while (messages.length < 3 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      messages = await outbox();
    }
    expect(messages.map((m) => m.to).sort()).toEqual([
      'alpha@example.cn',
      'beta@example.cn',
      'delta@example.cn',
    ]);

    // Later the same day the timer keeps ticking but the day is done.
    stack.clock.at = new Date('2025-10-09T17:00:00+08:00');
    await new Promise((r) => setTimeout(r, 300));
    expect(await stack.reminderTimer?.tick()).toBeNull();
    expect(await outbox()).toHaveLength(3);
  });

  it('answers the EventBridge Scheduler event with a run for scheduledTime (the deployed entry point)', async () => {
    const event = {
      source: 'legal-reporting.scheduler' as const,
      kind: 'run-reminders' as const,
      scheduledTime: '2025-10-11T01:30:00Z', // 09:30 in Shanghai on the 调休 Saturday
      scheduleArn: 'arn:aws-cn:scheduler:cn-north-1:123456789012:schedule/default/reminders',
    };
    expect(isSchedulerEvent(event)).toBe(true);
    expect(isSchedulerEvent({ source: 'aws.events' })).toBe(false);
    process.env.TABLE_NAME = stack.tableName;
    const result = (await handler(event)) as {
      period: string;
      stage: string;
      sent: { departmentId: string }[];
    };
    expect(result.period).toBe('2025-09');
    expect(result.stage).toBe('before-due-2');
    expect(result.sent.map((s) => s.departmentId).sort()).toEqual(['alpha', 'beta', 'delta']);
    expect(((await handler(event)) as { sent: unknown[] }).sent).toEqual([]);
  });

  it('is off unless enabled', async () => {
    const quiet = await startReminderStack();
    try {
      expect(quiet.reminderTimer).toBeNull();
    } finally {
      await quiet.stop();
    }
  });
});
