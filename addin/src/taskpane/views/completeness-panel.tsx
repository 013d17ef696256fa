import {
  Button,
  Caption1,
  makeStyles,
  mergeClasses,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type {
  CompletenessResponse,
  CompletenessStatus,
  PeriodResponse,
} from '../../../../shared/src/contract/api-types';
import { describeError } from '../../api/describe-error';
import { useApp } from '../app-context';
import { MonthSelect } from '../components/month-select';
import { Notice, type NoticeState } from '../components/notice';
import { formatPeriod, listPeriods, pickablePeriods, previousPeriod, shiftPeriod } from '../format';
import { useFormStyles } from './clerk-view';

const MONTHS_SHOWN = 6;

const useStyles = makeStyles({
  scroller: { overflowX: 'auto' },
  grid: { borderCollapse: 'separate', borderSpacing: '3px', width: '100%', fontSize: tokens.fontSizeBase200 },
  th: {
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
    textAlign: 'center',
    whiteSpace: 'nowrap',
  },
  rowHead: {
    textAlign: 'start',
    fontWeight: tokens.fontWeightRegular,
    color: tokens.colorNeutralForeground1,
    whiteSpace: 'nowrap',
    paddingInlineEnd: tokens.spacingHorizontalS,
  },
  cell: {
    textAlign: 'center',
    borderRadius: tokens.borderRadiusSmall,
    height: '26px',
    minWidth: '34px',
    fontWeight: tokens.fontWeightSemibold,
  },
  submitted: {
    backgroundColor: tokens.colorPaletteGreenBackground2,
    color: tokens.colorPaletteGreenForeground2,
  },
  late: {
    backgroundColor: tokens.colorPaletteYellowBackground2,
    color: tokens.colorPaletteMarigoldForeground2,
  },
  missing: { backgroundColor: tokens.colorPaletteRedBackground2, color: tokens.colorPaletteRedForeground2 },
  selectedCol: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: '-2px' },
  legend: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'center' },
  swatch: {
    display: 'inline-block',
    width: '22px',
    textAlign: 'center',
    borderRadius: tokens.borderRadiusSmall,
    marginInlineEnd: '4px',
  },
});

interface MonthData {
  completeness: CompletenessResponse;
  period: PeriodResponse;
}

export function CompletenessPanel() {
  const { lang, s, api, catalogue } = useApp();
  const styles = useStyles();
  const form = useFormStyles();
  const periods = useMemo(() => pickablePeriods(), []);
  const [to, setTo] = useState(previousPeriod());
  const [selected, setSelected] = useState(previousPeriod());
  const [data, setData] = useState<Map<string, MonthData> | null>(null);
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const [busy, setBusy] = useState(false);
  const months = useMemo(() => listPeriods(shiftPeriod(to, -(MONTHS_SHOWN - 1)), to), [to]);

  const load = useCallback(async () => {
    setData(null);
    try {
      const rows = await Promise.all(
        months.map(async (m) => {
          const [completeness, period] = await Promise.all([api.completeness(m), api.period(m)]);
          return [m, { completeness, period }] as const;
        }),
      );
      setData(new Map(rows));
    } catch (error) {
      const d = describeError(error, lang);
      setNotice({ intent: 'error', text: d.message, retry: () => void load() });
    }
  }, [api, months, lang]);

  useEffect(() => {
    void load();
  }, [load]);

  // The month acted on follows the newest month shown: that is the one a coordinator chases.
  useEffect(() => {
    setSelected(to);
  }, [to]);

  // Rows are the departments the server lists (a unit coordinator sees only their subtree), in tree order.
  const listed = new Set(
    [...(data?.values() ?? [])].flatMap((m) => m.completeness.departments.map((d) => d.departmentId)),
  );
  const reporting = catalogue.departments.filter((d) => d.metrics.length > 0 && listed.has(d.departmentId));
  const glyph: Record<CompletenessStatus, string> = {
    submitted: '✓',
    late: lang === 'en' ? 'L' : '迟',
    missing: '✗',
  };
  const label: Record<CompletenessStatus, string> = {
    submitted: s.legendSubmitted,
    late: s.legendLate,
    missing: s.legendMissing,
  };
  const selectedData = data?.get(selected);
  const missing = selectedData?.completeness.departments.filter((d) => d.status === 'missing').length ?? 0;

  const act = async (what: 'lock' | 'unlock' | 'remind') => {
    setBusy(true);
    setNotice(null);
    try {
      if (what === 'lock') {
        await api.lock(selected);
        setNotice({ intent: 'success', text: s.lockedNow(selected) });
      } else if (what === 'unlock') {
        await api.unlock(selected);
        setNotice({ intent: 'success', text: s.unlockedNow(selected) });
      } else {
        const r = await api.runReminders();
        const unreachable = (r.unreachable ?? []).map((id) => catalogue.byId.get(id)?.name[lang] ?? id);
        setNotice({
          intent: r.sent.length ? 'success' : 'info',
          text: [
            r.sent.length ? s.remindersSent(r.sent.length) : s.remindersNone(r.period),
            unreachable.length ? s.remindersUnreachable(unreachable.join('、')) : '',
          ]
            .filter(Boolean)
            .join(' '),
        });
      }
      await load();
    } catch (error) {
      const d = describeError(error, lang);
      setNotice({ intent: 'error', text: d.message, retry: d.retryable ? () => void act(what) : undefined });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={form.card} aria-label={s.tabCompleteness} data-testid="completeness">
      <div className={form.row}>
        <div className={form.grow}>
          <MonthSelect
            label={s.toMonth}
            value={to}
            periods={periods}
            onChange={setTo}
            lang={lang}
            testId="completeness-to"
          />
        </div>
        <div className={form.grow}>
          <MonthSelect
            label={s.selectedMonth}
            value={selected}
            periods={[...months].reverse()}
            onChange={setSelected}
            lang={lang}
            testId="selected-month"
          />
        </div>
      </div>
      <Notice notice={notice} onDismiss={() => setNotice(null)} />
      {!data ? (
        !notice && <Spinner size="small" label={s.loading} />
      ) : (
        <>
          <div className={styles.scroller}>
            <table className={styles.grid}>
              <caption className="visually-hidden">{s.completenessCaption(months[0] ?? '', to)}</caption>
              <thead>
                <tr>
                  <th scope="col" className={styles.rowHead}>
                    {s.department}
                  </th>
                  {months.map((m) => (
                    <th key={m} scope="col" className={styles.th} title={formatPeriod(m, lang)}>
                      {data.get(m)?.period.locked ? '🔒' : ''}
                      {lang === 'en' ? m.slice(2) : `${Number(m.slice(5))}月`}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {reporting.map((dept) => (
                  <tr key={dept.departmentId} data-testid={`row-${dept.departmentId}`}>
                    <th scope="row" className={styles.rowHead}>
                      {dept.name[lang]}
                    </th>
                    {months.map((m) => {
                      const status =
                        data
                          .get(m)
                          ?.completeness.departments.find((d) => d.departmentId === dept.departmentId)
                          ?.status ?? 'missing';
                      return (
                        <td
                          key={m}
                          className={mergeClasses(
                            styles.cell,
                            styles[status],
                            m === selected && styles.selectedCol,
                          )}
                          data-status={status}
                          data-period={m}
                          aria-label={`${dept.name[lang]} ${formatPeriod(m, lang)} ${label[status]}`}
                        >
                          {glyph[status]}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className={styles.legend} aria-hidden>
            {(['submitted', 'late', 'missing'] as const).map((k) => (
              <Caption1 key={k}>
                <span className={mergeClasses(styles.swatch, styles[k])}>{glyph[k]}</span>
                {label[k]}
              </Caption1>
            ))}
          </div>
          {selectedData && (
            <Text>
              {formatPeriod(selected, lang)} · {s.dueDate} {selectedData.completeness.dueDate} ·{' '}
              <span data-testid="missing-count">
                {s.missingCount(missing, selectedData.completeness.departments.length)}
              </span>
            </Text>
          )}
          <div className={form.actions}>
            {selectedData?.period.locked ? (
              <Button onClick={() => void act('unlock')} disabled={busy}>
                {s.unlockMonth}
              </Button>
            ) : (
              <Button onClick={() => void act('lock')} disabled={busy}>
                {s.lockMonth}
              </Button>
            )}
            {/* The reminder job always chases the month just ended (API.md, Reminders). */}
            {selected === previousPeriod() && (
              <Button
                appearance="primary"
                onClick={() => void act('remind')}
                disabled={busy || missing === 0}
                data-testid="remind-now"
              >
                {s.remindNow}
              </Button>
            )}
            <Button
              appearance="subtle"
              onClick={() => void load()}
              disabled={busy}
              data-testid="completeness-refresh"
            >
              {s.refresh}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
