import {
  Button,
  Field,
  makeStyles,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { YearEndResponse } from '../../../../shared/src/contract/api-types';
import { describeError } from '../../api/describe-error';
import { useApp } from '../app-context';
import { MonthSelect } from '../components/month-select';
import { Notice, type NoticeState } from '../components/notice';
import { currentPeriod, formatNumber, pickablePeriods, shiftPeriod } from '../format';
import { useFormStyles } from './clerk-view';

const useStyles = makeStyles({
  num: { textAlign: 'end', fontVariantNumeric: 'tabular-nums' },
  headNum: { textAlign: 'end', '& .fui-TableHeaderCell__button': { justifyContent: 'flex-end' } },
  text: { '& textarea': { minHeight: '160px', lineHeight: tokens.lineHeightBase400 } },
});

export function YearEndPanel() {
  const { lang, s, api, port, hasSheet } = useApp();
  const styles = useStyles();
  const form = useFormStyles();
  const periods = pickablePeriods();
  const lastYear = String(Number(currentPeriod().slice(0, 4)) - 1);
  const [from, setFrom] = useState(`${lastYear}-01`);
  const [to, setTo] = useState(shiftPeriod(`${lastYear}-01`, 11));
  const [report, setReport] = useState<YearEndResponse | null>(null);
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const [busy, setBusy] = useState(false);

  const generate = async () => {
    if (from > to) {
      setNotice({ intent: 'error', text: s.rangeInvalid });
      return;
    }
    setBusy(true);
    setNotice(null);
    try {
      setReport(await api.yearEnd({ from, to, lang }));
    } catch (error) {
      const d = describeError(error, lang);
      setNotice({ intent: 'error', text: d.message, retry: d.retryable ? () => void generate() : undefined });
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!report) return;
    try {
      await navigator.clipboard.writeText(report.text);
      setNotice({ intent: 'success', text: s.copied });
    } catch {
      setNotice({ intent: 'warning', text: s.copyFailed });
    }
  };

  const insert = async () => {
    if (!report) return;
    try {
      const r = await port.insertText(report.text);
      setNotice({ intent: 'success', text: s.inserted(r.address) });
    } catch (error) {
      setNotice({ intent: 'error', text: describeError(error, lang).message });
    }
  };

  return (
    <section className={form.card} aria-label={s.tabYearEnd} data-testid="year-end">
      <div className={form.row}>
        <div className={form.grow}>
          <MonthSelect
            label={s.fromMonth}
            value={from}
            periods={periods}
            onChange={setFrom}
            lang={lang}
            testId="year-from"
          />
        </div>
        <div className={form.grow}>
          <MonthSelect
            label={s.toMonth}
            value={to}
            periods={periods}
            onChange={setTo}
            lang={lang}
            testId="year-to"
          />
        </div>
      </div>
      <div className={form.actions}>
        <Button
          appearance="primary"
          onClick={() => void generate()}
          disabled={busy}
          data-testid="year-generate"
        >
          {s.yearEndGenerate}
        </Button>
        {busy && <Spinner size="tiny" aria-hidden />}
      </div>
      <Notice notice={notice} onDismiss={() => setNotice(null)} />
      {report && (
        <>
          <Table size="small" aria-label={s.tabYearEnd}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{s.metric}</TableHeaderCell>
                <TableHeaderCell className={styles.headNum}>{s.total}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {report.rows.map((r) => (
                <TableRow key={r.metricId}>
                  <TableCell>{lang === 'en' ? `${r.name} (${r.unit})` : `${r.name}（${r.unit}）`}</TableCell>
                  <TableCell className={styles.num}>{formatNumber(r.total, lang)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Field label={s.paragraph}>
            <Textarea
              className={styles.text}
              value={report.text}
              readOnly
              resize="vertical"
              data-testid="year-text"
            />
          </Field>
          <div className={form.actions}>
            <Button onClick={() => void copy()}>{s.copy}</Button>
            {hasSheet && <Button onClick={() => void insert()}>{s.insertIntoSheet}</Button>}
          </div>
        </>
      )}
    </section>
  );
}
