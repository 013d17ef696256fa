/**
 * Import of history from the pane: the file is read with the same rules as the command line
 * (shared/src/domain/import.ts, pure), compared with what the server holds, then written month by
 * month through the ordinary submit route, so every department-month is all or nothing and a
 * re-import of the same file changes nothing (unchanged months are not sent at all).
 */
import type {
  DepartmentView,
  Metric,
  Rule,
  SubmissionResponse,
} from '../../../shared/src/contract/api-types';
import {
  type Grid,
  type ImportProblem,
  type ImportRow,
  parseImportGrid,
} from '../../../shared/src/domain/import';
import type { Lang } from '../../../shared/src/domain/localized';
import { sameValues } from '../../../shared/src/domain/submission';
import { type ApiClient, ApiProblem } from '../api/api-client';
import { describeError } from '../api/describe-error';
import type { Principal } from '../auth/session';

export type ItemStatus = 'new' | 'changed' | 'unchanged' | 'invalid';

export interface PreviewItem extends ImportRow {
  status: ItemStatus;
}

export interface Preview {
  items: PreviewItem[];
  problems: ImportProblem[];
  summary: Record<ItemStatus, number>;
}

export interface ImportOutcome {
  created: number;
  revised: number;
  unchanged: number;
  failed: number;
  /** Problems of the months refused when written (row of the file, the server's message). */
  problems: { row: number; message: string }[];
}

/** Parallel writes: few, so that one coordinator's import does not crowd out the clerks. */
const WRITE_CONCURRENCY = 4;

export async function previewImport(
  grid: Grid,
  catalogue: { metrics: Metric[]; departments: DepartmentView[]; rules: Rule[] },
  principal: Principal,
  api: Pick<ApiClient, 'submissions'>,
  now: Date = new Date(),
): Promise<Preview> {
  const parsed = parseImportGrid(
    grid,
    {
      metrics: catalogue.metrics,
      rules: catalogue.rules,
      // The parser reads ids, names, metrics and ancestors; the stored-only counters do not matter here.
      departments: catalogue.departments.map((d) => ({ ...d, version: 0, reportingCount: 0 })),
    },
    principal,
    now,
  );
  const periods = [...new Set(parsed.rows.filter((r) => r.valid).map((r) => r.period))];
  const current = new Map<string, SubmissionResponse>();
  await mapLimit(periods, 6, async (period) => {
    for (const sub of (await api.submissions(period)).submissions)
      current.set(`${sub.departmentId}|${period}`, sub);
  });
  const items = parsed.rows.map((row): PreviewItem => {
    if (!row.valid) return { ...row, status: 'invalid' };
    const existing = current.get(`${row.departmentId}|${row.period}`);
    if (!existing) return { ...row, status: 'new' };
    const unchanged =
      sameValues(existing.values, row.values) && (row.note === null || row.note === existing.note);
    return { ...row, status: unchanged ? 'unchanged' : 'changed' };
  });
  const summary = { new: 0, changed: 0, unchanged: 0, invalid: 0 };
  for (const item of items) summary[item.status]++;
  return { items, problems: parsed.problems, summary };
}

export async function runImport(
  preview: Preview,
  api: Pick<ApiClient, 'submit'>,
  lang: Lang,
  options: { correctionNote: string; onProgress?: (done: number, total: number) => void },
): Promise<ImportOutcome> {
  const work = preview.items.filter((i) => i.status === 'new' || i.status === 'changed');
  const outcome: ImportOutcome = {
    created: 0,
    revised: 0,
    unchanged: preview.summary.unchanged,
    failed: preview.summary.invalid,
    problems: [],
  };
  let done = 0;
  options.onProgress?.(0, work.length);
  await mapLimit(work, WRITE_CONCURRENCY, async (item) => {
    try {
      const r = await api.submit(item.departmentId, item.period, {
        values: item.values,
        // A correction after the due date needs its reason: the file's note, else the import's.
        note: item.note ?? (item.status === 'changed' ? options.correctionNote : null),
      });
      if (r.created) outcome.created++;
      else outcome.revised++;
    } catch (error) {
      outcome.failed++;
      const d = describeError(error, lang);
      const fields = Object.values(d.fields).filter((f) => !d.message.includes(f));
      outcome.problems.push({ row: item.row, message: [d.message, ...fields].join(' ') });
      // No answer at all: stop rather than fail every remaining month the same way.
      if (!(error instanceof ApiProblem)) throw error;
    } finally {
      options.onProgress?.(++done, work.length);
    }
  });
  outcome.problems.sort((a, b) => a.row - b.row);
  return outcome;
}

async function mapLimit<T>(
  items: readonly T[],
  limit: number,
  run: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
