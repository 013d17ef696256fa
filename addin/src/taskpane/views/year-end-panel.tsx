import {
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
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
import { TOOL_STRINGS } from '../../i18n/tool-strings';
import { useApp } from '../app-context';
import { MonthSelect } from '../components/month-select';
import { Notice, type NoticeState } from '../components/notice';
import {
  currentPeriod,
  formatDateTime,
  formatNumber,
  formatPeriod,
  pickablePeriods,
  shiftPeriod,
} from '../format';
import { useFormStyles } from './clerk-view';

const useStyles = makeStyles({
  num: { textAlign: 'end', fontVariantNumeric: 'tabular-nums' },
  headNum: {
    textAlign: 'end',
    whiteSpace: 'nowrap',
    '& .fui-TableHeaderCell__button': { justifyContent: 'flex-end' },
  },
  text: { '& textarea': { minHeight: '160px', lineHeight: tokens.lineHeightBase400 } },
  // Four columns in a narrow pane: the metric's name must not shrink to two characters a line.
  metricCell: { minWidth: '8em' },
  // Fluent's table is fixed-layout; sized to content the numbers take only the room they need.
  autoTable: { tableLayout: 'auto' },
  up: { color: tokens.colorPaletteGreenForeground1, fontWeight: tokens.fontWeightSemibold },
  down: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  changes: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalL,
    display: 'grid',
    gap: tokens.spacingVerticalXS,
  },
});

/** +3 / −2 / 0, as a reader of a correction expects a difference written. */
function signed(n: number, lang: 'zh-CN' | 'en'): string {
  return n > 0 ? `+${formatNumber(n, lang)}` : n < 0 ? `−${formatNumber(-n, lang)}` : '0';
}

export function YearEndPanel() {
  const { lang, s, api, port, hasSheet } = useApp();
  const t = TOOL_STRINGS[lang];
  const styles = useStyles();
  const form = useFormStyles();
  const periods = pickablePeriods();
  const lastYear = String(Number(currentPeriod().slice(0, 4)) - 1);
  const [from, setFrom] = useState(`${lastYear}-01`);
  const [to, setTo] = useState(shiftPeriod(`${lastYear}-01`, 11));
  const [report, setReport] = useState<YearEndResponse | null>(null);
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const [busy, setBusy] = useState(false);
  const [compare, setCompare] = useState(false);
  // "As reported": by default the 15th of the month after the range, when the report usually goes out.
  const [reportedOn, setReportedOn] = useState(`${shiftPeriod(`${lastYear}-01`, 12)}-15`);

  const generate = async () => {
    if (from > to) {
      setNotice({ intent: 'error', text: s.rangeInvalid });
      return;
    }
    setBusy(true);
    setNotice(null);
    try {
      const asOf = compare && reportedOn ? `${reportedOn}T23:59:59.999+08:00` : null;
      setReport(await api.yearEnd({ from, to, lang, asOf, compareAsOf: asOf ? 'now' : null }));
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
      <Checkbox
        checked={compare}
        onChange={(_, d) => setCompare(Boolean(d.checked))}
        label={t.compareToggle}
        data-testid="year-compare"
      />
      {compare && (
        <Field label={t.reportedAt}>
          <Input
            type="date"
            value={reportedOn}
            onChange={(_, d) => setReportedOn(d.value)}
            data-testid="year-reported-on"
          />
        </Field>
      )}
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
      {report?.comparison && (
        <>
          <Table
            size="small"
            aria-label={t.compareToggle}
            data-testid="year-comparison"
            className={styles.autoTable}
          >
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{s.metric}</TableHeaderCell>
                <TableHeaderCell className={styles.headNum}>{t.asReported}</TableHeaderCell>
                <TableHeaderCell className={styles.headNum}>{t.asCorrected}</TableHeaderCell>
                <TableHeaderCell className={styles.headNum}>{t.difference}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {report.comparison.rows.map((r) => (
                <TableRow key={r.metricId} data-testid={`compare-${r.metricId}`}>
                  <TableCell className={styles.metricCell}>
                    {lang === 'en' ? `${r.name} (${r.unit})` : `${r.name}（${r.unit}）`}
                  </TableCell>
                  <TableCell className={styles.num}>{formatNumber(r.reported, lang)}</TableCell>
                  <TableCell className={styles.num}>{formatNumber(r.corrected, lang)}</TableCell>
                  <TableCell
                    className={`${styles.num} ${r.difference > 0 ? styles.up : r.difference < 0 ? styles.down : ''}`}
                  >
                    {signed(r.difference, lang)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Caption1>{t.corrections(report.comparison.changes.length)}</Caption1>
          {report.comparison.changes.length > 0 && (
            <ul className={styles.changes} data-testid="year-changes">
              {report.comparison.changes.map((c) => (
                <li key={`${c.departmentId}|${c.period}|${c.version}`}>
                  <Caption1>
                    {c.departmentName} · {formatPeriod(c.period, lang)} · v{c.version} ·{' '}
                    {c.kind === 'correction' ? t.correction : t.firstSubmission} ·{' '}
                    {formatDateTime(c.submittedAt, lang)} · {c.submittedByName ?? c.submittedBy}
                    {Object.keys(c.differences).length > 0 &&
                      ` · ${Object.entries(c.differences)
                        .map(
                          ([id, d]) =>
                            `${report.comparison?.rows.find((r) => r.metricId === id)?.name ?? id} ${signed(d, lang)}`,
                        )
                        .join('，')}`}
                  </Caption1>
                  <br />
                  <Caption1 italic>{c.note ? `“${c.note}”` : t.noNote}</Caption1>
                </li>
              ))}
            </ul>
          )}
          <Field label={t.correctedText}>
            <Textarea
              className={styles.text}
              value={report.comparison.text}
              readOnly
              resize="vertical"
              data-testid="year-corrected-text"
            />
          </Field>
        </>
      )}
      {report && (
        <>
          {/* With a comparison, its table above already shows these figures (as reported) beside the corrected ones. */}
          {!report.comparison && (
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
                    <TableCell>
                      {lang === 'en' ? `${r.name} (${r.unit})` : `${r.name}（${r.unit}）`}
                    </TableCell>
                    <TableCell className={styles.num}>{formatNumber(r.total, lang)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          <Field label={report.comparison ? t.reportedText : s.paragraph}>
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
