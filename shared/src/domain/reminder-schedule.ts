import type { WorkingCalendar } from '../ports/working-calendar';
import { addDays, type DuePolicy } from './due-date';
import { firstDayAfter, type Period } from './period';

/**
 * Which working days of the month after a period carry a reminder. Counted in working days of the
 * office's calendar (holidays and 调休 make-up days included), never in calendar days.
 */
export interface ReminderSchedule {
  /** Remind on the first working day of the following month. */
  firstWorkingDay: boolean;
  /** Remind this many working days before the due date (e.g. [2]). */
  workingDaysBefore: number[];
  /** Remind on the due date itself. */
  onDueDate: boolean;
  /** Remind as overdue on each of this many working days after the due date. */
  overdueWorkingDays: number;
  /** On the next working day after those, send the coordinators ONE digest of who is still missing. */
  escalation: boolean;
}

export const DEFAULT_REMINDER_SCHEDULE: ReminderSchedule = {
  firstWorkingDay: true,
  workingDaysBefore: [2],
  onDueDate: true,
  overdueWorkingDays: 5,
  escalation: true,
};

/** What the job does on a day for a period; `stage` names it in the log and in messages. */
export type ReminderStage =
  | { kind: 'reminder'; stage: 'opening' | 'before-due' | 'due'; workingDaysLeft: number }
  | { kind: 'reminder'; stage: 'overdue'; overdueDay: number }
  | { kind: 'escalation' };

export function stageName(s: ReminderStage): string {
  if (s.kind === 'escalation') return 'escalation';
  if (s.stage === 'overdue') return `overdue-${s.overdueDay}`;
  if (s.stage === 'before-due') return `before-due-${s.workingDaysLeft}`;
  return s.stage;
}

/**
 * The stage of `date` (YYYY-MM-DD, Asia/Shanghai) for `period`, or null when nothing is due that day
 * (not a working day, or a working day off the schedule). With the due date on working day D of the
 * following month: W1 opening, W(D-2) before-due, WD due, W(D+1..D+5) overdue, W(D+6) escalation.
 * Where two coincide (a due date on the first working day) the later stage wins.
 */
export function reminderStageOn(
  date: string,
  period: Period,
  calendar: WorkingCalendar,
  policy: DuePolicy,
  schedule: ReminderSchedule,
): ReminderStage | null {
  const start = firstDayAfter(period);
  if (date < start || !calendar.isWorkingDay(date)) return null;
  // Index of `date` among the working days from the start of the following month (1-based).
  let index = 0;
  for (let d = start; d <= date; d = addDays(d, 1)) {
    if (calendar.isWorkingDay(d)) index++;
  }
  const due = policy.workingDayOfNextMonth;
  const last = due + schedule.overdueWorkingDays;
  if (schedule.escalation && index === last + 1) return { kind: 'escalation' };
  if (index > due && index <= last) return { kind: 'reminder', stage: 'overdue', overdueDay: index - due };
  if (index === due && schedule.onDueDate) return { kind: 'reminder', stage: 'due', workingDaysLeft: 0 };
  if (index < due && schedule.workingDaysBefore.includes(due - index)) {
    return { kind: 'reminder', stage: 'before-due', workingDaysLeft: due - index };
  }
  if (index === 1 && schedule.firstWorkingDay)
    return { kind: 'reminder', stage: 'opening', workingDaysLeft: due - 1 };
  return null;
}

/**
 * Parses a schedule such as `first,before-2,due,overdue-5,escalate` (the default); any subset in any
 * order, e.g. `before-1,before-3,due`. Unknown words throw, so a typo in the configuration is loud.
 */
export function parseReminderSchedule(spec: string): ReminderSchedule {
  const out: ReminderSchedule = {
    firstWorkingDay: false,
    workingDaysBefore: [],
    onDueDate: false,
    overdueWorkingDays: 0,
    escalation: false,
  };
  for (const raw of spec.split(',')) {
    const word = raw.trim();
    if (word === '') continue;
    const m = /^(before|overdue)-(\d{1,2})$/.exec(word);
    if (word === 'first') out.firstWorkingDay = true;
    else if (word === 'due') out.onDueDate = true;
    else if (word === 'escalate') out.escalation = true;
    else if (m?.[1] === 'before') out.workingDaysBefore.push(Number(m[2]));
    else if (m?.[1] === 'overdue') out.overdueWorkingDays = Number(m[2]);
    else
      throw new Error(
        `unknown reminder schedule entry "${word}" (use first, before-N, due, overdue-N, escalate)`,
      );
  }
  return out;
}
