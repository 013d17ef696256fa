import {
  daysBetween,
  type ReminderTestStack,
  seedReminderCatalog,
  startReminderStack,
} from './reminders-support';

/**
 * The reminder job day by day with a pinned clock, as the scheduler would run it at 09:30 Asia/Shanghai.
 * Each day runs twice: the second run must send nothing.
 */
let stack: ReminderTestStack;
let admin: string;

beforeAll(async () => {
  stack = await startReminderStack();
  admin = await seedReminderCatalog(stack);
});
afterAll(() => stack.stop());

type Sent = { departmentId: string | null; channel: string; kind: string };

async function runOn(day: string, token = admin): Promise<{ status: number; body: any }> {
  const asOf = `${day}T09:30:00+08:00`;
  stack.clock.at = new Date(asOf);
  return stack.api('POST', '/api/reminders/run', { token, body: { asOf } });
}

const who = (sent: Sent[]): string[] =>
  sent.map((s) => (s.kind === 'escalation' ? `escalation:${s.channel}` : (s.departmentId ?? ''))).sort();

/** Runs every day of the range twice and returns, per day, who the first run reminded. */
async function simulate(
  from: string,
  to: string,
  during?: (day: string) => Promise<void>,
): Promise<Record<string, string[]>> {
  const byDay: Record<string, string[]> = {};
  for (const day of daysBetween(from, to)) {
    const first = await runOn(day);
    expect(first.status).toBe(200);
    const again = await runOn(day);
    expect(again.body.sent).toEqual([]);
    if (first.body.sent.length > 0) byDay[day] = who(first.body.sent);
    await during?.(day);
  }
  return byDay;
}

describe('runReminders over National Day 2025 (official calendar, 调休 Saturday 2025-10-11)', () => {
  let byDay: Record<string, string[]>;
  let firstRunOnOct9: string[];

  beforeAll(async () => {
    // A scoped coordinator runs first on the opening day: only their subtree, and it counts for the day.
    const areaCoordinator = await stack.token({
      role: 'coordinator',
      departmentId: 'area',
      sub: 'area-coord',
    });
    firstRunOnOct9 = who((await runOn('2025-10-09', areaCoordinator)).body.sent);
    byDay = await simulate('2025-10-01', '2025-10-31', async (day) => {
      // beta reports in the afternoon of the working day before the due date.
      if (day === '2025-10-13') {
        stack.clock.at = new Date('2025-10-13T15:00:00+08:00');
        const res = await stack.api('PUT', '/api/submissions/beta/2025-09', {
          token: admin,
          body: { values: { lectures: 2 } },
        });
        expect(res.status).toBe(201);
      }
    });
  }, 120_000);

  it('reminds exactly on the schedule: first working day, 2 working days before, due date, 5 overdue days, then one digest', () => {
    expect(firstRunOnOct9).toEqual(['delta']);
    expect(byDay).toEqual({
      // 1–8 October are the holiday; the first working day is Thursday the 9th (delta was done above).
      '2025-10-09': ['alpha', 'beta'],
      // Two working days before the due date is the make-up Saturday.
      '2025-10-11': ['alpha', 'beta', 'delta'],
      // Due on the 5th working day, Tuesday 14 October; beta reported the day before.
      '2025-10-14': ['alpha', 'delta'],
      '2025-10-15': ['alpha', 'delta'],
      '2025-10-16': ['alpha', 'delta'],
      '2025-10-17': ['alpha', 'delta'],
      '2025-10-20': ['alpha', 'delta'],
      '2025-10-21': ['alpha', 'delta'],
      '2025-10-22': ['escalation:email'],
    });
  });

  it('names the department, the month, the due date and the add-in in each message, and lists the missing in the digest', async () => {
    const outbox = await stack.api('GET', '/api/reminders/outbox', { token: admin });
    expect(outbox.status).toBe(200);
    const messages = outbox.body.messages as {
      to: string;
      subject: string;
      body: string;
      departmentId: string | null;
      period: string;
      sentAt: string;
    }[];
    const due = messages.find((m) => m.to === 'alpha@example.cn' && m.sentAt.startsWith('2025-10-14'));
    expect(due?.subject).toContain('司法所');
    expect(due?.subject).toContain('2025年9月');
    expect(due?.body).toContain('今天（2025-10-14）截止');
    expect(due?.body).toContain('https://addin.example.cn/addin/taskpane.html');
    const overdue = messages.find((m) => m.to === 'delta@example.cn' && m.sentAt.startsWith('2025-10-21'));
    expect(overdue?.body).toContain('已逾期 5 个工作日');
    const digests = messages.filter((m) => m.departmentId === null);
    expect(digests).toHaveLength(1);
    expect(digests[0]?.to).toBe('fzb@example.cn');
    // Every department still missing, the one without a contact included; not beta, which reported.
    expect(digests[0]?.body).toContain('司法所、通河一村居民区、城管执法中队');
    expect(digests[0]?.body).not.toContain('公共法律服务站');
    // 2 + 3 opening, 3 before-due, 2 x 6 due/overdue, 1 digest: nothing more went out.
    expect(messages).toHaveLength(1 + 2 + 3 + 12 + 1);
  });

  it('reports a department without a reachable contact instead of skipping it silently', async () => {
    const res = await runOn('2025-10-17');
    expect(res.body.stage).toBe('overdue-3');
    expect(res.body.sent).toEqual([]);
    expect(res.body.unreachable).toEqual(['gamma']);
  });

  it('sends nothing on a day off the schedule and says why', async () => {
    const res = await runOn('2025-10-10');
    expect(res.body).toMatchObject({
      period: '2025-09',
      day: '2025-10-10',
      dueDate: '2025-10-14',
      stage: null,
      sent: [],
    });
  });
});

describe('runReminders in a year set only by a coordinator (2027 has no official data)', () => {
  it('follows the override at once: due date and reminder days move with it', async () => {
    const before = await stack.api('GET', '/api/periods/2027-09', { token: admin });
    // Fallback: only 1–3 October are off, so the 5th working day is Friday 8 October.
    expect(before.body.dueDate).toBe('2027-10-08');
    const put = await stack.api('PUT', '/api/calendar/2027', {
      token: admin,
      body: {
        holidays: [
          '2027-01-01',
          '2027-10-01',
          '2027-10-02',
          '2027-10-03',
          '2027-10-04',
          '2027-10-05',
          '2027-10-06',
          '2027-10-07',
        ],
        workdays: ['2027-09-26', '2027-10-09'],
      },
    });
    expect(put.status).toBe(201);
    const after = await stack.api('GET', '/api/periods/2027-09', { token: admin });
    expect(after.body.dueDate).toBe('2027-10-13');

    const byDay = await simulate('2027-10-01', '2027-10-31');
    const all = ['alpha', 'beta', 'delta'];
    expect(byDay).toEqual({
      '2027-10-08': all,
      '2027-10-11': all,
      '2027-10-13': all,
      '2027-10-14': all,
      '2027-10-15': all,
      '2027-10-18': all,
      '2027-10-19': all,
      '2027-10-20': all,
      '2027-10-21': ['escalation:email'],
    });
    // The make-up Saturday is working day 2 of the month: no reminder is due on it.
    expect((await runOn('2027-10-09')).body.stage).toBeNull();
  }, 120_000);
});

describe('POST /api/reminders/run', () => {
  it('refuses a malformed asOf with 400 and sends nothing', async () => {
    const res = await stack.api('POST', '/api/reminders/run', { token: admin, body: { asOf: 'yesterday' } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('asOf');
  });

  it('runs for now when no body is given', async () => {
    stack.clock.at = new Date('2025-11-03T09:30:00+08:00');
    const res = await stack.api('POST', '/api/reminders/run', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.period).toBe('2025-10');
    expect(res.body.stage).toBe('opening');
  });
});
