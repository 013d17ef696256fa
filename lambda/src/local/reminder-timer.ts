import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { OFFICE_TIME_ZONE, officeDateOf } from '../../../shared/src/domain/period';
import type { Deps } from '../../../shared/src/use-cases/deps';
import { type RunRemindersResult, runReminders } from '../../../shared/src/use-cases/run-reminders';

export interface ReminderTimerOptions {
  /** `HH:MM` Asia/Shanghai, as the deployed schedule (REMINDER_TIME, default 09:30). */
  time?: string;
  /** How often the clock is looked at (default 30 s). */
  checkEveryMs?: number;
  log?: (line: string) => void;
}

export interface ReminderTimer {
  /** One look at the clock: runs the job if the time has come and it has not run for this day yet. */
  tick(): Promise<RunRemindersResult | null>;
  stop(): void;
}

/**
 * The local stack's stand-in for EventBridge Scheduler: once a day, at or after the configured time
 * in Asia/Shanghai, it runs the same job as the deployed function (which itself decides whether the
 * day is a reminder day). Started late, it catches up that same day; the reminder log makes an extra
 * run harmless.
 */
export function startReminderTimer(deps: Deps, options: ReminderTimerOptions = {}): ReminderTimer {
  const time = options.time ?? '09:30';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) throw new Error(`reminder time "${time}" is not HH:MM`);
  const log = options.log ?? (() => undefined);
  let lastDay: string | null = null;
  let running: Promise<RunRemindersResult | null> | null = null;

  const tick = (): Promise<RunRemindersResult | null> => {
    if (running) return running;
    const now = deps.clock.now();
    const day = officeDateOf(now);
    if (day === lastDay || format(new TZDate(now, OFFICE_TIME_ZONE), 'HH:mm') < time)
      return Promise.resolve(null);
    running = runReminders({ scheduler: true }, { asOf: now.toISOString() }, deps)
      .then((result) => {
        lastDay = day;
        if (result.stage) {
          log(
            `reminders ${day} (${result.period}, ${result.stage}): ${result.sent.length} sent, ${result.failed.length} failed`,
          );
        }
        return result;
      })
      .catch((err: Error) => {
        // Not marked as done: the next tick tries again, as Scheduler's retries would.
        log(`reminder run failed: ${err.stack ?? err.message}`);
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  const handle = setInterval(() => void tick(), options.checkEveryMs ?? 30_000);
  handle.unref();
  return {
    tick,
    stop: () => clearInterval(handle),
  };
}
