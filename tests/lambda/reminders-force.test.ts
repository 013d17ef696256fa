import { type ReminderTestStack, seedReminderCatalog, startReminderStack } from './reminders-support';

/** A coordinator's "remind now" (extension `force`): outside the schedule, still once a day. */
let stack: ReminderTestStack;
let admin: string;

beforeAll(async () => {
  stack = await startReminderStack();
  admin = await seedReminderCatalog(stack);
});
afterAll(() => stack.stop());

const run = (day: string, body: Record<string, unknown>) => {
  const asOf = `${day}T15:00:00+08:00`;
  stack.clock.at = new Date(asOf);
  return stack.api('POST', '/api/reminders/run', { token: admin, body: { asOf, ...body } });
};

describe('remind now (force)', () => {
  it('reminds the missing departments on a day the schedule skips, once that day', async () => {
    // 2025-11-20 is past every scheduled reminder of 2025-10 (due 2025-11-07, five overdue days, escalation).
    const scheduled = await run('2025-11-20', { period: '2025-10' });
    expect(scheduled.body.sent).toEqual([]);
    await stack.api('PUT', '/api/submissions/beta/2025-10', {
      token: admin,
      body: { values: { lectures: 1 } },
    });
    const forced = await run('2025-11-20', { period: '2025-10', force: true });
    expect(forced.status).toBe(200);
    expect(forced.body.sent.map((s: { departmentId: string }) => s.departmentId).sort()).toEqual([
      'alpha',
      'delta',
    ]);
    expect(forced.body.unreachable).toEqual(['gamma']);
    const again = await run('2025-11-20', { period: '2025-10', force: true });
    expect(again.body.sent).toEqual([]);
    const outbox = await stack.api('GET', '/api/reminders/outbox', { token: admin });
    const alpha = outbox.body.messages.filter((m: { departmentId: string }) => m.departmentId === 'alpha');
    expect(alpha).toHaveLength(1);
    expect(alpha[0].body).toContain('逾期');
  });

  it('refuses a future month and a clerk', async () => {
    expect((await run('2025-11-20', { period: '2025-12', force: true })).status).toBe(400);
    const clerk = await stack.token({ role: 'clerk', departmentId: 'alpha' });
    const res = await stack.api('POST', '/api/reminders/run', { token: clerk, body: { force: true } });
    expect(res.status).toBe(403);
  });
});
