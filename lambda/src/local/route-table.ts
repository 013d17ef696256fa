import type { Routes } from '../adapters/http/http-handler';
import { routes as aggregates } from '../handlers/aggregates';
import { routes as calendar } from '../handlers/calendar';
import { routes as catalog } from '../handlers/catalog';
import { routes as exports } from '../handlers/exports';
import { routes as periods } from '../handlers/periods';
import { routes as reminders } from '../handlers/reminders';
import { routes as reports } from '../handlers/reports';
import { routes as submissions } from '../handlers/submissions';
import { routes as system } from '../handlers/system';

/** Every deployed route group, by the name of its Lambda function (infra/ deploys the same files). */
export const HANDLER_ROUTES: Record<string, Routes> = {
  catalog,
  submissions,
  aggregates,
  exports,
  periods,
  reports,
  system,
  calendar,
  reminders,
};
