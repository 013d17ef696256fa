import { Button, Caption1, Field, Link, ProgressBar, Text } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { Metric } from '../../../../shared/src/contract/api-types';
import { describeError } from '../../api/describe-error';
import type { SheetProblem } from '../../workbook/report-sheet';
import { useApp } from '../app-context';
import { MonthSelect } from '../components/month-select';
import { Notice, type NoticeState } from '../components/notice';
import { pickablePeriods, previousPeriod } from '../format';
import { createReportSheetFor, submitFromSheet } from '../sheet-flow';
import { useFormStyles } from './clerk-view';

export function SheetPanel({ metrics, departmentName }: { metrics: Metric[]; departmentName: string }) {
  const { lang, s, api, port, session } = useApp();
  const styles = useFormStyles();
  const departmentId = session.principal.departmentId ?? '';
  const periods = useMemo(() => pickablePeriods(), []);
  const [from, setFrom] = useState(`${previousPeriod().slice(0, 4)}-01`);
  const [to, setTo] = useState(previousPeriod());
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const [problems, setProblems] = useState<{ sheetName: string; items: SheetProblem[] } | null>(null);
  const [failures, setFailures] = useState<{ period: string; message: string }[]>([]);

  const create = async () => {
    if (from > to) {
      setNotice({ intent: 'error', text: s.rangeInvalid });
      return;
    }
    setBusy(true);
    setNotice(null);
    try {
      const r = await createReportSheetFor({
        api,
        port,
        departmentId,
        departmentName,
        metrics,
        from,
        to,
        lang,
      });
      setNotice({
        intent: r.created ? 'success' : 'info',
        text: r.created ? s.sheetCreated(r.name) : s.sheetExists(r.name),
      });
    } catch (error) {
      const d = describeError(error, lang);
      setNotice({ intent: 'error', text: d.message, retry: d.retryable ? () => void create() : undefined });
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    setBusy(true);
    setNotice(null);
    setProblems(null);
    setFailures([]);
    try {
      const outcome = await submitFromSheet({
        api,
        port,
        departmentId,
        lang,
        onProgress: (done, total) => setProgress({ done, total }),
      });
      switch (outcome.kind) {
        case 'not-a-report-sheet':
          setNotice({ intent: 'warning', text: s.notAReportSheet });
          break;
        case 'other-department':
          setNotice({ intent: 'error', text: s.otherDepartmentSheet });
          break;
        case 'problems':
          setProblems({ sheetName: outcome.sheetName, items: outcome.problems });
          break;
        case 'done':
          setFailures(outcome.failed);
          setNotice(
            outcome.submitted.length + outcome.failed.length === 0
              ? { intent: 'info', text: s.nothingChanged }
              : {
                  intent: outcome.failed.length ? 'warning' : 'success',
                  text: s.sheetDone(outcome.submitted.length, outcome.failed.length),
                },
          );
      }
    } catch (error) {
      const d = describeError(error, lang);
      setNotice({ intent: 'error', text: d.message, retry: () => void submit() });
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  return (
    <section className={styles.card} aria-label={s.tabSheet}>
      <Caption1>{s.sheetIntro}</Caption1>
      <div className={styles.row}>
        <div className={styles.grow}>
          <MonthSelect label={s.fromMonth} value={from} periods={periods} onChange={setFrom} lang={lang} />
        </div>
        <div className={styles.grow}>
          <MonthSelect label={s.toMonth} value={to} periods={periods} onChange={setTo} lang={lang} />
        </div>
      </div>
      <div className={styles.actions}>
        <Button onClick={() => void create()} disabled={busy}>
          {s.createSheet}
        </Button>
        <Button appearance="primary" onClick={() => void submit()} disabled={busy}>
          {s.submitFromSheet}
        </Button>
      </div>
      {progress && (
        <Field validationMessage={s.sheetProgress(progress.done, progress.total)} validationState="none">
          <ProgressBar value={progress.total ? progress.done / progress.total : 0} />
        </Field>
      )}
      <Notice notice={notice} onDismiss={() => setNotice(null)} />
      {problems && (
        <div role="alert">
          <Text weight="semibold">{s.sheetProblems(problems.items.length)}</Text>
          <ul>
            {problems.items.map((p) => (
              <li key={p.address}>
                <Link as="button" onClick={() => void port.selectCell(problems.sheetName, p.address)}>
                  {p.message[lang]}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      {failures.length > 0 && (
        <ul>
          {failures.map((f) => (
            <li key={f.period}>
              <Text>
                {f.period}: {f.message}
              </Text>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
