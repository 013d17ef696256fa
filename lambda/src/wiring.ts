import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { StoredCalendarProvider } from '../../shared/src/domain/calendar-provider';
import type { Contact } from '../../shared/src/domain/catalog';
import { DEFAULT_DUE_POLICY } from '../../shared/src/domain/due-date';
import { type Lang, pickLang } from '../../shared/src/domain/localized';
import {
  DEFAULT_REMINDER_SCHEDULE,
  parseReminderSchedule,
  type ReminderSchedule,
} from '../../shared/src/domain/reminder-schedule';
import { type Clock, systemClock } from '../../shared/src/ports/clock';
import type { Notifier, ReminderChannel, ReminderMetrics } from '../../shared/src/ports/notifier';
import type { Deps, ReminderDelivery } from '../../shared/src/use-cases/deps';
import { CachedCatalogStore } from './adapters/cached-catalog-store';
import { createDocumentClient } from './adapters/dynamodb/client';
import { DynamoDbCalendarStore } from './adapters/dynamodb/dynamodb-calendar-store';
import { DynamoDbCatalogStore } from './adapters/dynamodb/dynamodb-catalog-store';
import { DynamoDbOutbox, DynamoDbReminderLog } from './adapters/dynamodb/dynamodb-reminder-log';
import { DynamoDbSubmissionStore } from './adapters/dynamodb/dynamodb-submission-store';
import { type ClaimNames, DEFAULT_CLAIMS } from './adapters/http/parse';
import { CountingReminderMetrics, PowertoolsReminderMetrics } from './adapters/notify/delivery-metrics';
import { OutboxNotifier } from './adapters/notify/outbox-notifier';
import { SesNotifier } from './adapters/notify/ses-notifier';
import { WebhookNotifier } from './adapters/notify/webhook-notifier';
import { loadWebhookSecret } from './adapters/notify/webhook-secret';
import {
  DEFAULT_WEBHOOK_SETTINGS,
  parseWebhookSettings,
  type WebhookSettings,
} from './adapters/notify/webhook-settings';

export interface ReminderOptions {
  /** Enabled channels (REMINDER_CHANNELS); default both. */
  channels?: ReminderChannel[];
  /** Escalation digests by e-mail (COORDINATOR_EMAILS). */
  coordinatorEmails?: string[];
  /** Webhook settings, or a loader for them (deployed: the Secrets Manager secret). */
  webhook?: WebhookSettings | (() => Promise<WebhookSettings>);
  schedule?: ReminderSchedule;
  lang?: Lang;
  /** Origin of the add-in (ADDIN_URL); the task pane is `${addinUrl}/addin/taskpane.html`. */
  addinUrl?: string;
  metrics?: ReminderMetrics;
  /** Deployed: SES v2 sends e-mail as this verified identity; unset, e-mail goes to the outbox. */
  sesFromAddress?: string;
  /** Replaces the webhook's fetch (never needed in production). */
  fetchImpl?: typeof fetch;
}

export interface WiringOptions {
  tableName: string;
  endpoint?: string;
  clock?: Clock;
  dueWorkingDay?: number;
  /** How long calendar overrides are cached per process (ms); writes in the process clear it. */
  calendarCacheMs?: number;
  reminders?: ReminderOptions;
}

/** Composition root: clients and adapters built once per cold start (or once per local stack). */
export function buildDeps(options: WiringOptions): Deps {
  const db = createDocumentClient({ endpoint: options.endpoint });
  const clock = options.clock ?? systemClock;
  const calendarStore = new DynamoDbCalendarStore(db, options.tableName);
  const r = options.reminders ?? {};
  // Deployed with SES_FROM_ADDRESS, e-mail goes through SES v2; otherwise (local mode, or a region
  // without SES) into the table's outbox, which the local-only route lists.
  const outbox = r.sesFromAddress ? null : new DynamoDbOutbox(db, options.tableName);
  const email: Notifier = r.sesFromAddress
    ? new SesNotifier(new SESv2Client({}), r.sesFromAddress)
    : new OutboxNotifier(outbox as DynamoDbOutbox, clock);
  let delivery: Promise<ReminderDelivery> | undefined;
  return {
    catalog: new CachedCatalogStore(new DynamoDbCatalogStore(db, options.tableName)),
    submissions: new DynamoDbSubmissionStore(db, options.tableName),
    clock,
    calendars: new StoredCalendarProvider(calendarStore, options.calendarCacheMs),
    calendarStore,
    duePolicy: { workingDayOfNextMonth: options.dueWorkingDay ?? DEFAULT_DUE_POLICY.workingDayOfNextMonth },
    reminders: {
      log: new DynamoDbReminderLog(db, options.tableName),
      outbox,
      metrics: r.metrics ?? new CountingReminderMetrics(),
      schedule: r.schedule ?? DEFAULT_REMINDER_SCHEDULE,
      lang: r.lang ?? 'zh-CN',
      link: `${(r.addinUrl ?? 'http://127.0.0.1:3000').replace(/\/+$/, '')}/addin/taskpane.html`,
      delivery: () => {
        delivery ??= resolveDelivery(r, email).catch((err) => {
          delivery = undefined; // a failed secret read is retried by the next run
          throw err;
        });
        return delivery;
      },
    },
    sleep: (ms) => new Promise((res) => setTimeout(res, ms)),
  };
}

async function resolveDelivery(r: ReminderOptions, email: Notifier): Promise<ReminderDelivery> {
  const channels = r.channels ?? ['email', 'webhook'];
  const webhook =
    typeof r.webhook === 'function' ? await r.webhook() : (r.webhook ?? DEFAULT_WEBHOOK_SETTINGS);
  const notifiers: ReminderDelivery['notifiers'] = {};
  if (channels.includes('email')) notifiers.email = email;
  if (channels.includes('webhook')) notifiers.webhook = new WebhookNotifier(webhook, r.fetchImpl);
  const coordinators: Contact[] = [
    ...(r.coordinatorEmails ?? []).map((address) => ({ channel: 'email' as const, address })),
    ...webhook.coordinatorUrls.map((address) => ({ channel: 'webhook' as const, address })),
  ];
  const fallbackContacts = webhook.fallbackUrls.map((address) => ({ channel: 'webhook' as const, address }));
  return { notifiers, coordinators, fallbackContacts };
}

let cached: Deps | undefined;

/** The deployed function's dependencies, from its environment. */
export function depsFromEnv(): Deps {
  cached ??= buildDeps({
    tableName: process.env.TABLE_NAME ?? 'legal-reporting',
    dueWorkingDay: process.env.DUE_WORKING_DAY ? Number(process.env.DUE_WORKING_DAY) : undefined,
    reminders: reminderOptionsFromEnv(process.env),
  });
  return cached;
}

/** Reminder settings from the environment the infra stack sets (infra/README-infra.md). */
export function reminderOptionsFromEnv(env: NodeJS.ProcessEnv): ReminderOptions {
  const list = (v: string | undefined) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const channels = env.REMINDER_CHANNELS
    ? (list(env.REMINDER_CHANNELS).filter((c) => c === 'email' || c === 'webhook') as ReminderChannel[])
    : undefined;
  return {
    channels,
    coordinatorEmails: list(env.COORDINATOR_EMAILS),
    schedule: env.REMINDER_SCHEDULE ? parseReminderSchedule(env.REMINDER_SCHEDULE) : undefined,
    lang: env.REMINDER_LANG ? pickLang(env.REMINDER_LANG) : undefined,
    addinUrl: env.ADDIN_URL,
    sesFromAddress: env.SES_FROM_ADDRESS || undefined,
    metrics: env.AWS_LAMBDA_FUNCTION_NAME ? new PowertoolsReminderMetrics() : undefined,
    webhook: async () => {
      if (env.WEBHOOK_CONFIG) return parseWebhookSettings(JSON.parse(env.WEBHOOK_CONFIG));
      if (env.WEBHOOK_SECRET_NAME)
        return loadWebhookSecret(new SecretsManagerClient({}), env.WEBHOOK_SECRET_NAME);
      return DEFAULT_WEBHOOK_SETTINGS;
    },
  };
}

export function claimNamesFromEnv(): ClaimNames {
  return {
    sub: process.env.CLAIM_SUB ?? DEFAULT_CLAIMS.sub,
    name: process.env.CLAIM_NAME ?? DEFAULT_CLAIMS.name,
    role: process.env.CLAIM_ROLE ?? DEFAULT_CLAIMS.role,
    departmentId: process.env.CLAIM_DEPARTMENT ?? DEFAULT_CLAIMS.departmentId,
  };
}
