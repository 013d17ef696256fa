import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { runRemindersBodySchema } from '../../../shared/src/contract/calendar-reminders';
import type { Deps } from '../../../shared/src/use-cases/deps';
import {
  listOutbox,
  type RunRemindersResult,
  runReminders,
} from '../../../shared/src/use-cases/run-reminders';
import { ok, type Routes, routeHandler } from '../adapters/http/http-handler';
import { parseJsonBody } from '../adapters/http/parse';
import { logger } from '../adapters/logger';
import { claimNamesFromEnv, depsFromEnv } from '../wiring';

/** The reminder job over HTTP (a coordinator; a scoped one reminds only their subtree). */
export const routes: Routes = {
  'POST /api/reminders/run': {
    auth: true,
    run: async (req, deps) => {
      const principal = req.principal();
      // An empty body is the common case ("run for today"); a body, when given, must be valid JSON.
      const body = req.event.body?.trim() ? parseJsonBody(req.event, runRemindersBodySchema) : {};
      return ok(
        await runReminders(principal, { asOf: body.asOf, force: body.force, period: body.period }, deps),
      );
    },
  },
};

/** Local mode only (never deployed): what the local stand-in for e-mail delivered. */
export const localRoutes: Routes = {
  'GET /api/reminders/outbox': {
    auth: true,
    run: async (req, deps) => ok({ messages: await listOutbox(req.principal(), deps) }),
  },
};

/** What EventBridge Scheduler sends (infra/lib/constructs/reminder-schedule.ts). */
export interface SchedulerEvent {
  source: 'legal-reporting.scheduler';
  kind: 'run-reminders';
  /** The intended run time (ISO, UTC): the job runs for that day even when a retry comes later. */
  scheduledTime?: string;
  scheduleArn?: string;
}

export function isSchedulerEvent(event: unknown): event is SchedulerEvent {
  const e = event as Partial<SchedulerEvent> | null;
  return e?.source === 'legal-reporting.scheduler' && e.kind === 'run-reminders';
}

/**
 * The scheduled run. Failed deliveries are recorded and counted but do not fail the run (a retry
 * would resend nothing: every send is already claimed); only a run that could not happen at all
 * (the table unreachable, say) throws, so that Scheduler retries and then dead-letters it.
 */
export async function runScheduled(event: SchedulerEvent, deps: Deps): Promise<RunRemindersResult> {
  const result = await runReminders({ scheduler: true }, { asOf: event.scheduledTime }, deps);
  logger.info('reminder run', {
    scheduleArn: event.scheduleArn,
    period: result.period,
    day: result.day,
    stage: result.stage,
    sent: result.sent.length,
    failed: result.failed.length,
    unreachable: result.unreachable,
  });
  if (result.failed.length > 0) logger.warn('reminder deliveries failed', { failed: result.failed });
  return result;
}

const http = routeHandler(routes, depsFromEnv, claimNamesFromEnv());

export async function handler(event: APIGatewayProxyEventV2 | SchedulerEvent, context?: Partial<Context>) {
  if (isSchedulerEvent(event)) return runScheduled(event, depsFromEnv());
  return http(event as APIGatewayProxyEventV2, context);
}
