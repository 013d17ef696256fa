import type { Contact, StoredDepartment } from '../domain/catalog';
import { addDays, dueDateOf } from '../domain/due-date';
import { invalid } from '../domain/errors';
import { assertPeriod, officeDateOf, type Period, periodOf, previousPeriod } from '../domain/period';
import { assertCoordinator, type Principal } from '../domain/principal';
import { escalationMessage, type MessageText, reminderMessage } from '../domain/reminder-message';
import { type ReminderStage, reminderStageOn, stageName } from '../domain/reminder-schedule';
import type { OutboxMessage, OutgoingMessage, ReminderChannel, ReminderKind } from '../ports/notifier';
import type { DeliveryRecord, ReminderClaim } from '../ports/reminder-log';
import type { WorkingCalendar } from '../ports/working-calendar';
import type { Deps, ReminderDelivery } from './deps';
import { loadDepartmentFor } from './load-department';
import { calendarForPeriod } from './manage-calendar';
import { mapLimit } from './map-limit';

export interface SentEntry {
  departmentId: string | null;
  channel: ReminderChannel;
  kind: ReminderKind;
}

export interface FailedEntry extends SentEntry {
  to: string;
  error: string;
}

/** `POST /api/reminders/run`: what API.md promises (`period`, `sent`) plus what helps an operator. */
export interface RunRemindersResult {
  period: Period;
  /** The office day the job ran for (Asia/Shanghai). */
  day: string;
  dueDate: string;
  /** The schedule's stage on that day, or null: nothing to send. */
  stage: string | null;
  sent: SentEntry[];
  /** Deliveries that failed after every retry (recorded in the reminder log too). */
  failed: FailedEntry[];
  /** Missing departments with no contact on an enabled channel: nobody could be told. */
  unreachable: string[];
}

/** Who runs the job: a coordinator through the API, or the scheduler (the whole organisation). */
export type ReminderRunner = Principal | { scheduler: true };

/** Parallel deliveries per run: a robot webhook throttles bursts (WeCom allows 20 messages a minute). */
const PARALLEL_DEPARTMENTS = 4;

/**
 * The reminder job for the day `asOf` falls on (default: now), for the month before it. Sends each
 * missing department the day's reminder on its channels, or on the escalation day ONE digest to the
 * coordinators. Every send is claimed in the reminder log first (a conditional write per department x
 * period x day), so a second run the same day sends nothing; each department's submission is read
 * again just before its send, so a department that has just reported is skipped. One failed delivery
 * is retried, recorded and counted, and never stops the others.
 */
export async function runReminders(
  runner: ReminderRunner,
  input: { asOf?: string | null; force?: boolean; period?: string },
  deps: Deps,
): Promise<RunRemindersResult> {
  const principal = 'scheduler' in runner ? null : runner;
  if (principal) assertCoordinator(principal);
  const asOf = parseAsOf(input.asOf, deps);
  const day = officeDateOf(asOf);
  const period = input.period !== undefined ? assertPeriod('period', input.period) : previousPeriod(asOf);
  if (input.force && period > periodOf(asOf)) {
    throw invalid('period', '不能催报未来月份。', 'A future month cannot be chased.');
  }
  const calendar = await calendarForPeriod(period, deps);
  const dueDate = dueDateOf(period, calendar, deps.duePolicy);
  const settings = deps.reminders;
  const stage = input.force
    ? manualStage(day, dueDate, calendar)
    : reminderStageOn(day, period, calendar, deps.duePolicy, settings.schedule);
  const result: RunRemindersResult = {
    period,
    day,
    dueDate,
    stage: stage ? stageName(stage) : null,
    sent: [],
    failed: [],
    unreachable: [],
  };
  if (!stage) return result;

  // A scoped coordinator reminds only inside their unit's subtree (the unit is checked to exist).
  const unit = principal?.departmentId
    ? await loadDepartmentFor(principal, principal.departmentId, deps)
    : null;
  const [departments, submissions] = await Promise.all([
    deps.catalog.listDepartments(),
    deps.submissions.listByPeriod(period),
  ]);
  const submitted = new Set(submissions.map((s) => s.departmentId));
  const missing = departments
    .filter((d) => d.metrics.length > 0 && !submitted.has(d.departmentId))
    .filter((d) => !unit || d.departmentId === unit.departmentId || d.ancestors.includes(unit.departmentId))
    .sort((a, b) => a.departmentId.localeCompare(b.departmentId));
  if (missing.length === 0) return result;

  const delivery = await settings.delivery();
  const context: RunContext = { deps, delivery, period, day, dueDate, result };
  try {
    if (stage.kind === 'escalation') {
      // The digest speaks for the whole organisation; a scoped run leaves it to the scheduled one.
      if (!unit) await escalate(missing, context);
    } else {
      await mapLimit(missing, PARALLEL_DEPARTMENTS, (d) => remindDepartment(d, stage, context));
    }
  } finally {
    settings.metrics.flush();
  }
  return result;
}

interface RunContext {
  deps: Deps;
  delivery: ReminderDelivery;
  period: Period;
  day: string;
  dueDate: string;
  result: RunRemindersResult;
}

/**
 * A coordinator's "remind now": the reminder a department would get today, worded by where today
 * stands against the due date (before it, on it, or N working days overdue).
 */
function manualStage(
  day: string,
  dueDate: string,
  calendar: WorkingCalendar,
): Extract<ReminderStage, { kind: 'reminder' }> {
  if (day === dueDate) return { kind: 'reminder', stage: 'due', workingDaysLeft: 0 };
  const [from, to] = day < dueDate ? [day, dueDate] : [dueDate, day];
  let workingDays = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) workingDays++;
  return day < dueDate
    ? { kind: 'reminder', stage: 'before-due', workingDaysLeft: workingDays }
    : { kind: 'reminder', stage: 'overdue', overdueDay: Math.max(1, workingDays) };
}

function parseAsOf(value: string | null | undefined, deps: Deps): Date {
  if (value === undefined || value === null || value === '') return deps.clock.now();
  const t = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) || Number.isNaN(t)) {
    throw invalid(
      'asOf',
      `时间“${value.slice(0, 40)}”格式有误，应为 ISO 8601，例如 2026-10-09T09:30:00+08:00。`,
      `"${value.slice(0, 40)}" is not an ISO 8601 time, e.g. 2026-10-09T09:30:00+08:00.`,
    );
  }
  return new Date(t);
}

async function remindDepartment(
  department: StoredDepartment,
  stage: Extract<ReminderStage, { kind: 'reminder' }>,
  ctx: RunContext,
): Promise<void> {
  const { deps, delivery, period, day, dueDate, result } = ctx;
  try {
    // "Missing" is decided at the moment of the send: a department may have reported since the run began.
    if (await deps.submissions.getCurrent(department.departmentId, period)) return;
    const recipients = recipientsOf(department.contacts, delivery);
    if (recipients.length === 0) {
      result.unreachable.push(department.departmentId);
      return;
    }
    const claim = claimFor(period, day, department.departmentId, 'reminder', stageName(stage), deps);
    if (!(await deps.reminders.log.claim(claim))) return;
    const text = reminderMessage({
      department: department.name,
      period,
      dueDate,
      stage,
      link: deps.reminders.link,
      lang: deps.reminders.lang,
    });
    await deliverAll(claim, recipients, text, ctx);
  } catch (err) {
    // The log or the store failed for this department only; the others still get theirs.
    result.failed.push({
      departmentId: department.departmentId,
      channel: department.contacts[0]?.channel ?? 'email',
      kind: 'reminder',
      to: '',
      error: errorText(err),
    });
  }
}

async function escalate(missing: StoredDepartment[], ctx: RunContext): Promise<void> {
  const { deps, delivery, period, day, dueDate } = ctx;
  const recipients = delivery.coordinators.filter((c) => delivery.notifiers[c.channel]);
  if (recipients.length === 0) return;
  const claim = claimFor(period, day, null, 'escalation', 'escalation', deps);
  if (!(await deps.reminders.log.claim(claim))) return;
  const text = escalationMessage({
    missing: missing.map((d) => d.name),
    period,
    dueDate,
    link: deps.reminders.link,
    lang: deps.reminders.lang,
  });
  await deliverAll(claim, recipients, text, ctx);
}

/** A department's own contacts on the enabled channels; else the configured fallback (a group robot). */
function recipientsOf(contacts: Contact[], delivery: ReminderDelivery): Contact[] {
  const own = contacts.filter((c) => delivery.notifiers[c.channel]);
  return own.length > 0 ? own : delivery.fallbackContacts.filter((c) => delivery.notifiers[c.channel]);
}

function claimFor(
  period: Period,
  day: string,
  departmentId: string | null,
  kind: ReminderKind,
  stage: string,
  deps: Deps,
): ReminderClaim {
  return { period, day, departmentId, kind, stage, claimedAt: deps.clock.now().toISOString() };
}

async function deliverAll(
  claim: ReminderClaim,
  recipients: Contact[],
  text: MessageText,
  ctx: RunContext,
): Promise<void> {
  const { deps, delivery, result } = ctx;
  const records: DeliveryRecord[] = [];
  for (const contact of recipients) {
    const notifier = delivery.notifiers[contact.channel];
    if (!notifier) continue;
    const message: OutgoingMessage = {
      channel: contact.channel,
      to: contact.address,
      subject: text.subject,
      body: text.body,
      link: deps.reminders.link,
      departmentId: claim.departmentId,
      period: claim.period,
      kind: claim.kind,
    };
    const attempts = Math.max(1, notifier.attempts);
    let lastError: unknown;
    let ok = false;
    let tried = 0;
    while (tried < attempts && !ok) {
      tried++;
      try {
        await notifier.deliver(message);
        ok = true;
      } catch (err) {
        lastError = err;
        // Exponential backoff between tries: a robot that answered 5xx or timed out gets a moment.
        if (tried < attempts) await deps.sleep(200 * 2 ** (tried - 1));
      }
    }
    const entry = { departmentId: claim.departmentId, channel: contact.channel, kind: claim.kind };
    if (ok) {
      records.push({ channel: contact.channel, to: contact.address, ok: true, attempts: tried });
      result.sent.push(entry);
    } else {
      const error = errorText(lastError);
      records.push({ channel: contact.channel, to: contact.address, ok: false, attempts: tried, error });
      result.failed.push({ ...entry, to: contact.address, error });
      deps.reminders.metrics.deliveryFailed(message);
    }
  }
  await deps.reminders.log.complete(claim, records);
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 500);
}

/** `GET /api/reminders/outbox` (local mode): what the local e-mail stand-in delivered, for coordinators. */
export async function listOutbox(principal: Principal, deps: Deps): Promise<OutboxMessage[]> {
  assertCoordinator(principal);
  const outbox = deps.reminders.outbox;
  if (!outbox) return [];
  const messages = await outbox.list();
  if (principal.departmentId === null) return messages;
  const unit = principal.departmentId;
  const inside = new Set(
    (await deps.catalog.listDepartments())
      .filter((d) => d.departmentId === unit || d.ancestors.includes(unit))
      .map((d) => d.departmentId),
  );
  return messages.filter((m) => m.departmentId !== null && inside.has(m.departmentId));
}
