import { DEFAULT_DUE_POLICY } from '../../shared/src/domain/due-date';
import { chineseDaysCalendar } from '../../shared/src/domain/chinese-days-calendar';
import { systemClock, type Clock } from '../../shared/src/ports/clock';
import type { WorkingCalendar } from '../../shared/src/ports/working-calendar';
import type { Deps } from '../../shared/src/use-cases/deps';
import { createDocumentClient } from './adapters/dynamodb/client';
import { DynamoDbCatalogStore } from './adapters/dynamodb/dynamodb-catalog-store';
import { DynamoDbSubmissionStore } from './adapters/dynamodb/dynamodb-submission-store';
import { type ClaimNames, DEFAULT_CLAIMS } from './adapters/http/parse';

export interface WiringOptions {
  tableName: string;
  endpoint?: string;
  clock?: Clock;
  calendar?: WorkingCalendar;
  dueWorkingDay?: number;
}

/** Composition root: clients and adapters built once per cold start (or once per local stack). */
export function buildDeps(options: WiringOptions): Deps {
  const db = createDocumentClient({ endpoint: options.endpoint });
  return {
    catalog: new DynamoDbCatalogStore(db, options.tableName),
    submissions: new DynamoDbSubmissionStore(db, options.tableName),
    clock: options.clock ?? systemClock,
    calendar: options.calendar ?? chineseDaysCalendar,
    duePolicy: { workingDayOfNextMonth: options.dueWorkingDay ?? DEFAULT_DUE_POLICY.workingDayOfNextMonth },
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  };
}

let cached: Deps | undefined;

/** The deployed function's dependencies, from its environment. */
export function depsFromEnv(): Deps {
  cached ??= buildDeps({
    tableName: process.env.TABLE_NAME ?? 'legal-reporting',
    dueWorkingDay: process.env.DUE_WORKING_DAY ? Number(process.env.DUE_WORKING_DAY) : undefined,
  });
  return cached;
}

export function claimNamesFromEnv(): ClaimNames {
  return {
    sub: process.env.CLAIM_SUB ?? DEFAULT_CLAIMS.sub,
    name: process.env.CLAIM_NAME ?? DEFAULT_CLAIMS.name,
    role: process.env.CLAIM_ROLE ?? DEFAULT_CLAIMS.role,
    departmentId: process.env.CLAIM_DEPARTMENT ?? DEFAULT_CLAIMS.departmentId,
  };
}
