import { Body1, Button, Field, Select, Spinner, Subtitle2 } from '@fluentui/react-components';
import { useId, useMemo, useState } from 'react';
import type { DownloadedFile } from '../../api/api-client';
import { describeError } from '../../api/describe-error';
import { csvToCells, decodeCsvBytes, parseCsv } from '../../files/csv';
import { TOOL_STRINGS } from '../../i18n/tool-strings';
import { useApp } from '../app-context';
import { MonthSelect } from '../components/month-select';
import { Notice, type NoticeState } from '../components/notice';
import { pickablePeriods, previousPeriod } from '../format';
import { useFormStyles } from './clerk-view';

/** Hands the file to the browser's download (Excel on the web and the desktop webviews do the same). */
function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(new Blob([file.bytes as BlobPart], { type: file.contentType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has the bytes by now; the URL is freed a little later for slow hosts.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The coordinator's exports: totals and every revision, as CSV (UTF-8 with BOM) or xlsx, or into a sheet. */
export default function ExportPanel() {
  const { lang, s, api, port, catalogue, hasSheet, session } = useApp();
  const t = TOOL_STRINGS[lang];
  const form = useFormStyles();
  const ownUnit = session.principal.departmentId;
  const periods = useMemo(() => pickablePeriods(), []);
  const [from, setFrom] = useState(`${previousPeriod().slice(0, 4)}-01`);
  const [to, setTo] = useState(previousPeriod());
  const [unit, setUnit] = useState(ownUnit ?? '');
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const [busy, setBusy] = useState(false);
  const unitId = useId();

  const run = async (work: () => Promise<NoticeState>) => {
    if (from > to) {
      setNotice({ intent: 'error', text: s.rangeInvalid });
      return;
    }
    setBusy(true);
    setNotice(null);
    try {
      setNotice(await work());
    } catch (error) {
      const d = describeError(error, lang);
      setNotice({ intent: 'error', text: d.message, retry: d.retryable ? () => void run(work) : undefined });
    } finally {
      setBusy(false);
    }
  };

  // As in the totals: "whole office by department" means by the root's departments (the API groups
  // by the selected unit's direct children, and the organisation's only child is its root).
  const roots = catalogue.departments.filter((d) => d.depth === 0);
  const scope = unit || (roots.length === 1 ? (roots[0]?.departmentId ?? null) : null);
  const query = () => ({ from, to, departmentId: scope, lang, groupBy: 'department' as const });

  const download = (kind: 'aggregates' | 'submissions', format: 'csv' | 'xlsx') =>
    run(async () => {
      const file = await api.exportFile(kind, query(), format);
      saveFile(file);
      return { intent: 'success', text: t.downloaded(file.fileName) };
    });

  const historyToSheet = () =>
    run(async () => {
      const file = await api.exportFile('submissions', query(), 'csv');
      const [header = [], ...rows] = parseCsv(decodeCsvBytes(file.bytes));
      if (rows.length === 0) return { intent: 'info', text: t.historyEmpty };
      const r = await port.writeRecordsSheet({
        sheetName: `${t.historySheetName} ${from}~${to}`,
        header,
        rows: csvToCells(rows),
      });
      return { intent: 'success', text: t.historyWritten(rows.length, r.sheetName) };
    });

  const buttons = (kind: 'aggregates' | 'submissions') => (
    <div className={form.actions}>
      <Button onClick={() => void download(kind, 'csv')} disabled={busy} data-testid={`export-${kind}-csv`}>
        {t.downloadCsv}
      </Button>
      <Button onClick={() => void download(kind, 'xlsx')} disabled={busy} data-testid={`export-${kind}-xlsx`}>
        {t.downloadXlsx}
      </Button>
      {kind === 'submissions' && hasSheet && (
        <Button
          appearance="primary"
          onClick={() => void historyToSheet()}
          disabled={busy}
          data-testid="export-history-sheet"
        >
          {t.historyToSheet}
        </Button>
      )}
    </div>
  );

  return (
    <section className={form.card} aria-label={t.tabExport} data-testid="export">
      <Body1>{t.exportIntro}</Body1>
      <div className={form.row}>
        <div className={form.grow}>
          <MonthSelect
            label={s.fromMonth}
            value={from}
            periods={periods}
            onChange={setFrom}
            lang={lang}
            testId="export-from"
          />
        </div>
        <div className={form.grow}>
          <MonthSelect
            label={s.toMonth}
            value={to}
            periods={periods}
            onChange={setTo}
            lang={lang}
            testId="export-to"
          />
        </div>
      </div>
      <Field label={s.unit}>
        <Select id={unitId} value={unit} onChange={(_, d) => setUnit(d.value)} data-testid="export-unit">
          {!ownUnit && <option value="">{s.wholeOffice}</option>}
          {catalogue.departments
            .filter((d) => !ownUnit || d.departmentId === ownUnit || d.ancestors.includes(ownUnit))
            .map((d) => (
              <option key={d.departmentId} value={d.departmentId}>
                {'\u00a0\u00a0'.repeat(d.depth)}
                {d.name[lang]}
              </option>
            ))}
        </Select>
      </Field>
      <Subtitle2 as="h2">{t.exportAggregates}</Subtitle2>
      {buttons('aggregates')}
      <Subtitle2 as="h2">{t.exportSubmissions}</Subtitle2>
      {buttons('submissions')}
      {busy && <Spinner size="tiny" aria-hidden />}
      <Notice notice={notice} onDismiss={() => setNotice(null)} />
    </section>
  );
}
