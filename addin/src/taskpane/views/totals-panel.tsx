import {
  Button,
  Caption1,
  Field,
  makeStyles,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { AggregateResponse } from '../../../../shared/src/contract/api-types';
import { describeError } from '../../api/describe-error';
import type { AggregateTableContent } from '../../workbook/report-sheet';
import { useApp } from '../app-context';
import { MonthSelect } from '../components/month-select';
import { Notice, type NoticeState } from '../components/notice';
import {
  metricLabel as formatMetric,
  formatNumber,
  formatPeriod,
  pickablePeriods,
  previousPeriod,
} from '../format';
import { useFormStyles } from './clerk-view';

const useStyles = makeStyles({
  scroller: { overflowX: 'auto', backgroundColor: tokens.colorNeutralBackground1 },
  num: { textAlign: 'end', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  headNum: {
    textAlign: 'end',
    whiteSpace: 'nowrap',
    '& .fui-TableHeaderCell__button': { justifyContent: 'flex-end' },
  },
  // Fluent's table is fixed-layout; with one column per department or month it must size to content.
  table: { tableLayout: 'auto' },
  metricCell: { minWidth: '9em' },
  total: { fontWeight: tokens.fontWeightSemibold },
});

type GroupBy = '' | 'department' | 'month';

export function TotalsPanel() {
  const { lang, s, api, port, catalogue, hasSheet, session } = useApp();
  // A unit coordinator may only look inside their unit: start there and offer only its subtree.
  const ownUnit = session.principal.departmentId;
  const styles = useStyles();
  const form = useFormStyles();
  const periods = useMemo(() => pickablePeriods(), []);
  const [from, setFrom] = useState(`${previousPeriod().slice(0, 4)}-01`);
  const [to, setTo] = useState(previousPeriod());
  const [unit, setUnit] = useState(ownUnit ?? '');
  const [groupBy, setGroupBy] = useState<GroupBy>('department');
  const [result, setResult] = useState<AggregateResponse | null>(null);
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const [busy, setBusy] = useState(false);
  const unitId = useId();
  const groupId = useId();

  const load = useCallback(async () => {
    if (from > to) {
      setNotice({ intent: 'error', text: s.rangeInvalid });
      return;
    }
    setBusy(true);
    setNotice(null);
    try {
      // "By department" for the whole office means by the root's departments (the API groups by the
      // selected unit's direct children, and the whole organisation's only child is its root).
      const roots = catalogue.departments.filter((d) => d.depth === 0);
      const scope =
        unit || (groupBy === 'department' && roots.length === 1 ? (roots[0]?.departmentId ?? null) : null);
      setResult(await api.aggregates({ from, to, departmentId: scope, groupBy: groupBy || null }));
    } catch (error) {
      const d = describeError(error, lang);
      setNotice({ intent: 'error', text: d.message, retry: d.retryable ? () => void load() : undefined });
    } finally {
      setBusy(false);
    }
  }, [api, from, to, unit, groupBy, lang, s, catalogue]);

  useEffect(() => {
    void load();
  }, [load]);

  // The API totals every metric; a unit's table lists only what its departments report.
  const scopeId = result?.departmentId ?? null;
  const reported = new Set(
    catalogue.departments
      .filter((d) => !scopeId || d.departmentId === scopeId || d.ancestors.includes(scopeId))
      .flatMap((d) => d.metrics),
  );
  const metricIds = result
    ? [...catalogue.metrics.keys()].filter(
        (id) => id in result.totals && (reported.size === 0 || reported.has(id)),
      )
    : [];
  const groupLabel = (key: string) =>
    groupBy === 'month' ? formatPeriod(key, lang) : (catalogue.byId.get(key)?.name[lang] ?? key);
  const metricLabel = (id: string) => {
    const m = catalogue.metrics.get(id);
    return m ? formatMetric(m, lang) : id;
  };
  const groups = result?.groups ?? [];

  const writeToSheet = async () => {
    if (!result) return;
    const scope = unit ? (catalogue.byId.get(unit)?.name[lang] ?? unit) : s.wholeOffice;
    const table: AggregateTableContent = {
      sheetName: `${s.tabTotals} ${from}~${to}`,
      title: `${scope} ${from} ~ ${to}`,
      header: [s.metric, ...groups.map((g) => groupLabel(g.key)), s.total],
      rows: metricIds.map((id) => [
        metricLabel(id),
        ...groups.map((g) => g.totals[id] ?? 0),
        result.totals[id] ?? 0,
      ]),
      chartTitle: `${scope} ${from} ~ ${to}`,
    };
    setBusy(true);
    try {
      const r = await port.writeAggregateTable(table);
      setNotice({ intent: 'success', text: s.writtenToSheet(r.sheetName) });
    } catch (error) {
      setNotice({ intent: 'error', text: describeError(error, lang).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={form.card} aria-label={s.tabTotals} data-testid="totals">
      <div className={form.row}>
        <div className={form.grow}>
          <MonthSelect
            label={s.fromMonth}
            value={from}
            periods={periods}
            onChange={setFrom}
            lang={lang}
            testId="totals-from"
          />
        </div>
        <div className={form.grow}>
          <MonthSelect
            label={s.toMonth}
            value={to}
            periods={periods}
            onChange={setTo}
            lang={lang}
            testId="totals-to"
          />
        </div>
      </div>
      <div className={form.row}>
        <div className={form.grow}>
          <Field label={s.unit}>
            <Select id={unitId} value={unit} onChange={(_, d) => setUnit(d.value)} data-testid="totals-unit">
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
        </div>
        <div className={form.grow}>
          <Field label={s.groupBy}>
            <Select id={groupId} value={groupBy} onChange={(_, d) => setGroupBy(d.value as GroupBy)}>
              <option value="department">{s.groupByDepartment}</option>
              <option value="month">{s.groupByMonth}</option>
            </Select>
          </Field>
        </div>
      </div>
      <div className={form.actions}>
        <Button onClick={() => void load()} disabled={busy} data-testid="totals-refresh">
          {s.refresh}
        </Button>
        {busy && <Spinner size="tiny" aria-hidden />}
      </div>
      <Notice notice={notice} onDismiss={() => setNotice(null)} />
      {result && (
        <>
          <Caption1 data-testid="totals-received">
            {s.received(result.completeness.received, result.completeness.expected)}
          </Caption1>
          <div className={styles.scroller}>
            <Table size="small" aria-label={s.tabTotals} data-testid="totals-table" className={styles.table}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{s.metric}</TableHeaderCell>
                  {/* The total comes first: in a narrow pane the groups scroll, the total stays in view. */}
                  <TableHeaderCell className={styles.headNum}>{s.total}</TableHeaderCell>
                  {groups.map((g) => (
                    <TableHeaderCell key={g.key} className={styles.headNum}>
                      {groupLabel(g.key)}
                    </TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {metricIds.map((id) => (
                  <TableRow key={id} data-testid={`total-row-${id}`}>
                    <TableCell className={styles.metricCell}>{metricLabel(id)}</TableCell>
                    <TableCell className={`${styles.num} ${styles.total}`} data-testid={`total-${id}`}>
                      {formatNumber(result.totals[id] ?? 0, lang)}
                    </TableCell>
                    {groups.map((g) => (
                      <TableCell key={g.key} className={styles.num}>
                        {formatNumber(g.totals[id] ?? 0, lang)}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          {hasSheet && (
            <div className={form.actions}>
              <Button appearance="primary" onClick={() => void writeToSheet()} disabled={busy}>
                {s.writeToSheet}
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
