/**
 * "Create my report sheet" and "Submit from sheet" as plain async functions over the WorkbookPort and
 * the api-client, so the flow is unit-tested with the in-memory workbook and the view stays thin.
 */
import type { Metric, SubmissionResponse } from '../../../shared/src/contract/api-types';
import type { Lang } from '../../../shared/src/domain/localized';
import type { ApiClient } from '../api/api-client';
import { describeError } from '../api/describe-error';
import { STRINGS } from '../i18n/strings';
import { buildReportSheet, parseReportSheet, type SheetProblem } from '../workbook/report-sheet';
import type { StatusCell, WorkbookPort } from '../workbook/workbook-port';
import { formatDateTime, listPeriods } from './format';

type SheetApi = Pick<ApiClient, 'submission' | 'submit'>;

/** Runs `work` over `items` with at most `limit` in flight (a clerk's 24 months should not be 24 parallel requests). */
async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  });
  await Promise.all(runners);
  return results;
}

export async function createReportSheetFor(p: {
  api: SheetApi;
  port: WorkbookPort;
  departmentId: string;
  departmentName: string;
  metrics: Metric[];
  from: string;
  to: string;
  lang: Lang;
}): Promise<{ name: string; created: boolean }> {
  const periods = listPeriods(p.from, p.to);
  // Pre-filled with what was already submitted, so "Submit from sheet" sends only what the clerk changes.
  const submissions = await mapLimited(periods, 4, (period) => p.api.submission(p.departmentId, period));
  const values: Record<string, Record<string, number>> = {};
  periods.forEach((period, i) => {
    const sub = submissions[i];
    if (sub) values[period] = sub.values;
  });
  const content = buildReportSheet({
    departmentId: p.departmentId,
    departmentName: p.departmentName,
    periods,
    metrics: p.metrics,
    lang: p.lang,
    values,
  });
  return p.port.createReportSheet(content);
}

export type SheetSubmitOutcome =
  | { kind: 'not-a-report-sheet' }
  | { kind: 'other-department' }
  | { kind: 'problems'; sheetName: string; problems: SheetProblem[] }
  | {
      kind: 'done';
      sheetName: string;
      submitted: { period: string; submission: SubmissionResponse }[];
      failed: { period: string; message: string }[];
      unchanged: string[];
    };

function sameValues(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

export async function submitFromSheet(p: {
  api: SheetApi;
  port: WorkbookPort;
  departmentId: string;
  lang: Lang;
  onProgress?: (done: number, total: number) => void;
}): Promise<SheetSubmitOutcome> {
  const s = STRINGS[p.lang];
  const sheet = await p.port.readActiveSheet();
  const parsed = sheet ? parseReportSheet(sheet.values) : null;
  if (!sheet || !parsed) return { kind: 'not-a-report-sheet' };
  if (parsed.departmentId !== p.departmentId) return { kind: 'other-department' };
  if (parsed.problems.length > 0) {
    const first = parsed.problems[0] as SheetProblem;
    await p.port.selectCell(sheet.name, first.address);
    return { kind: 'problems', sheetName: sheet.name, problems: parsed.problems };
  }
  const months = Object.keys(parsed.complete).sort();
  const total = months.length;
  let done = 0;
  p.onProgress?.(0, total);
  const submitted: { period: string; submission: SubmissionResponse }[] = [];
  const failed: { period: string; message: string }[] = [];
  const unchanged: string[] = [];
  await mapLimited(months, 3, async (period) => {
    const values = parsed.complete[period] as Record<string, number>;
    const note = parsed.notes[period];
    try {
      const current = await p.api.submission(p.departmentId, period);
      if (current && sameValues(current.values, values) && (!note || note === current.note)) {
        unchanged.push(period);
      } else {
        const result = await p.api.submit(
          p.departmentId,
          period,
          { values, ...(note ? { note } : {}) },
          current?.version,
        );
        submitted.push({ period, submission: result.submission });
      }
    } catch (error) {
      const d = describeError(error, p.lang);
      // On the sheet, the reason goes in the note row under the month: say where.
      failed.push({
        period,
        message: d.code === 'note-required' ? `${d.message} ${s.sheetNoteHint}` : d.message,
      });
    } finally {
      done++;
      p.onProgress?.(done, total);
    }
  });
  const cells: StatusCell[] = [
    ...submitted.map(({ period, submission }) => {
      const at = formatDateTime(submission.submittedAt, p.lang);
      return {
        column: parsed.periodColumns[period] as number,
        text: submission.late
          ? s.statusLate(submission.version, at)
          : s.statusSubmitted(submission.version, at),
        tone: submission.late ? ('late' as const) : ('ok' as const),
      };
    }),
    ...failed.map(({ period, message }) => ({
      column: parsed.periodColumns[period] as number,
      text: s.statusFailed(message),
      tone: 'error' as const,
    })),
  ];
  if (cells.length > 0 && parsed.statusRow >= 0)
    await p.port.writeStatuses(sheet.name, parsed.statusRow, cells);
  return { kind: 'done', sheetName: sheet.name, submitted, failed, unchanged };
}
