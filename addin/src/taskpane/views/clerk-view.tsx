import {
  Badge,
  Button,
  Caption1,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  Spinner,
  Subtitle2,
  Tab,
  TabList,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  PeriodResponse,
  RuleOutcome,
  SubmissionResponse,
} from '../../../../shared/src/contract/api-types';
import { ApiProblem } from '../../api/api-client';
import { describeError } from '../../api/describe-error';
import { useApp } from '../app-context';
import { MonthSelect } from '../components/month-select';
import { Notice, type NoticeState } from '../components/notice';
import { formatDateTime, metricLabel, pickablePeriods, previousPeriod, todayInOffice } from '../format';
import { HistoryList } from './history-list';
import { SheetPanel } from './sheet-panel';

export const useFormStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
  },
  status: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    '& dt': { color: tokens.colorNeutralForeground3 },
    '& dd': { margin: 0 },
  },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', flexWrap: 'wrap' },
  grow: { flexGrow: 1, minWidth: '120px' },
  fields: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  number: { '& input': { textAlign: 'end', fontVariantNumeric: 'tabular-nums' } },
  muted: { color: tokens.colorNeutralForeground3 },
  readOnly: {
    backgroundColor: tokens.colorNeutralBackground3,
    '& input': { color: tokens.colorNeutralForeground2 },
  },
});

const INTEGER = /^\d+$/;
const MAX = 10_000_000;

/** The inline message for one typed value, or undefined when it is a whole number in range. */
export function checkValue(
  raw: string | undefined,
  s: { wholeNumber: string; required: string },
): string | undefined {
  const v = (raw ?? '').trim();
  if (v === '') return s.required;
  if (!INTEGER.test(v) || Number(v) > MAX) return s.wholeNumber;
  return undefined;
}

export function ClerkView() {
  const { lang, s, api, port, session, catalogue, hasSheet } = useApp();
  const styles = useFormStyles();
  const departmentId = session.principal.departmentId ?? '';
  const department = catalogue.byId.get(departmentId);
  const metrics = useMemo(
    () => (department?.metrics ?? []).map((id) => catalogue.metrics.get(id)).filter((m) => m !== undefined),
    [department, catalogue],
  );
  const periods = useMemo(() => pickablePeriods(), []);
  const [tab, setTab] = useState<'report' | 'history' | 'sheet'>('report');
  const [period, setPeriod] = useState(previousPeriod());
  const [info, setInfo] = useState<PeriodResponse | null>(null);
  const [current, setCurrent] = useState<SubmissionResponse | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [serverFields, setServerFields] = useState<Record<string, string>>({});
  const [warnings, setWarnings] = useState<RuleOutcome[]>([]);
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const [loading, setLoading] = useState(true);
  const [submitting, setSubmitting] = useState(false);
  const inputRefs = useRef(new Map<string, HTMLInputElement>());
  const draftKey = `${departmentId}/${period}`;

  const load = useCallback(async () => {
    setLoading(true);
    setNotice(null);
    setServerFields({});
    setWarnings([]);
    setTouched({});
    try {
      const [periodInfo, submission, draft] = await Promise.all([
        api.period(period),
        api.submission(departmentId, period),
        port.loadDraft(draftKey),
      ]);
      setInfo(periodInfo);
      setCurrent(submission);
      setWarnings(submission?.warnings ?? []);
      const fromServer: Record<string, string> = {};
      for (const m of metrics) {
        const v = submission?.values[m.metricId];
        fromServer[m.metricId] = v === undefined ? '' : String(v);
      }
      const { __note: draftNote, ...draftValues } = draft ?? {};
      const differs =
        draft !== null &&
        !periodInfo.locked &&
        (Object.entries(draftValues).some(([k, v]) => (fromServer[k] ?? '') !== v) ||
          (draftNote ?? '') !== '');
      if (differs) {
        setValues({ ...fromServer, ...draftValues });
        setNote(draftNote ?? '');
        setNotice({
          intent: 'info',
          text: s.draftRestored,
          action: {
            label: s.discardDraft,
            run: () => {
              void port.saveDraft(draftKey, null);
              setValues(fromServer);
              setNote('');
              setNotice(null);
            },
          },
        });
      } else {
        setValues(fromServer);
        setNote('');
      }
    } catch (error) {
      const d = describeError(error, lang);
      setNotice({ intent: 'error', text: d.message, retry: () => void load() });
    } finally {
      setLoading(false);
    }
  }, [api, port, period, departmentId, draftKey, metrics, lang, s]);

  useEffect(() => {
    void load();
  }, [load]);

  const locked = info?.locked ?? false;
  const pastDue = info ? todayInOffice() > info.dueDate : false;
  const noteRequired = current !== null && pastDue;

  const saveDraft = (nextValues: Record<string, string>, nextNote: string) => {
    void port.saveDraft(draftKey, { ...nextValues, __note: nextNote });
  };

  const fieldError = (metricId: string): string | undefined => {
    if (serverFields[metricId]) return serverFields[metricId];
    if (!touched[metricId]) return undefined;
    return checkValue(values[metricId], s);
  };

  const submit = async () => {
    const all: Record<string, boolean> = {};
    for (const m of metrics) all[m.metricId] = true;
    setTouched(all);
    setServerFields({});
    const firstBad = metrics.find((m) => checkValue(values[m.metricId], s));
    const noteMissing = noteRequired && note.trim() === '';
    if (firstBad || noteMissing) {
      setNotice({ intent: 'error', text: s.fixFields });
      if (noteMissing && !firstBad) setServerFields({ note: s.noteHintLate(info?.dueDate ?? '') });
      if (firstBad) inputRefs.current.get(firstBad.metricId)?.focus();
      return;
    }
    setSubmitting(true);
    setNotice(null);
    try {
      const body = {
        values: Object.fromEntries(metrics.map((m) => [m.metricId, Number(values[m.metricId])])),
        ...(note.trim() ? { note: note.trim() } : {}),
      };
      const result = await api.submit(departmentId, period, body, current?.version);
      const unchanged = current !== null && result.submission.version === current.version;
      setCurrent(result.submission);
      setWarnings(result.submission.warnings);
      setNote('');
      await port.saveDraft(draftKey, null);
      setNotice({
        intent: 'success',
        text: unchanged ? s.unchanged : s.submitted(result.submission.version),
      });
    } catch (error) {
      const d = describeError(error, lang);
      setServerFields(d.fields);
      const retry = d.retryable ? () => void submit() : undefined;
      const reload =
        error instanceof ApiProblem && error.code === 'version-conflict'
          ? { label: s.reload, run: () => void load() }
          : undefined;
      setNotice({ intent: 'error', text: d.message, retry, action: reload });
      if (error instanceof ApiProblem && error.code === 'period-locked')
        void api.period(period).then(setInfo, () => {});
    } finally {
      setSubmitting(false);
    }
  };

  const warningFor = (metricId: string) =>
    warnings.filter((w) => w.left === metricId || w.right === metricId).map((w) => w.message[lang]);

  if (!department) return <Notice notice={{ intent: 'error', text: s.noMetrics }} />;

  return (
    <>
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as typeof tab)} size="small">
        <Tab value="report">{s.tabReport}</Tab>
        <Tab value="history">{s.tabHistory}</Tab>
        {hasSheet && <Tab value="sheet">{s.tabSheet}</Tab>}
      </TabList>
      {!hasSheet && <Caption1 className={styles.muted}>{s.noHostNote}</Caption1>}
      {tab === 'sheet' ? (
        <SheetPanel metrics={metrics} departmentName={department.name[lang]} />
      ) : (
        <>
          <div className={styles.row}>
            <div className={styles.grow}>
              <MonthSelect
                label={s.month}
                value={period}
                periods={periods}
                onChange={setPeriod}
                lang={lang}
                testId="period"
              />
            </div>
          </div>
          <section className={styles.card} aria-label={s.status} data-testid="status-panel">
            {loading || !info ? (
              <Spinner size="small" label={s.loading} />
            ) : (
              <dl className={styles.status}>
                <dt>{s.status}</dt>
                <dd>
                  {locked && (
                    <Badge color="informative" appearance="tint" style={{ marginInlineEnd: 4 }}>
                      {s.locked}
                    </Badge>
                  )}
                  {current ? (
                    <>
                      <Text weight="semibold" data-testid="status-version">
                        {s.version(current.version)}
                      </Text>{' '}
                      <Badge
                        color={current.late ? 'warning' : 'success'}
                        appearance="filled"
                        data-testid="status-late"
                      >
                        {current.late ? s.late : s.onTime}
                      </Badge>
                    </>
                  ) : (
                    <>
                      <Text data-testid="status-version">{s.notSubmitted}</Text>{' '}
                      {pastDue && !locked && (
                        <Badge color="danger" appearance="tint">
                          {s.overdue}
                        </Badge>
                      )}
                    </>
                  )}
                </dd>
                {current && (
                  <>
                    <dt>{s.submittedAt}</dt>
                    <dd data-testid="status-submitted-at">{formatDateTime(current.submittedAt, lang)}</dd>
                    <dt>{s.submittedBy}</dt>
                    <dd>{current.submittedByName ?? current.submittedBy}</dd>
                  </>
                )}
                <dt>{s.dueDate}</dt>
                <dd data-testid="status-due">{info.dueDate}</dd>
              </dl>
            )}
          </section>
          <Notice notice={notice} onDismiss={() => setNotice(null)} />
          {tab === 'history' ? (
            <HistoryList departmentId={departmentId} period={period} refreshKey={current?.version ?? 0} />
          ) : (
            !loading &&
            info && (
              <form
                className={styles.card}
                aria-label={s.tabReport}
                onSubmit={(e) => {
                  e.preventDefault();
                  void submit();
                }}
                noValidate
              >
                {locked && (
                  <Notice
                    notice={{
                      intent: 'warning',
                      text: info.lock
                        ? s.lockedReason(info.lock.lockedBy, formatDateTime(info.lock.lockedAt, lang))
                        : s.lockedReasonShort,
                    }}
                  />
                )}
                <div className={styles.fields}>
                  {metrics.map((m) => {
                    const error = fieldError(m.metricId);
                    const warn = warningFor(m.metricId);
                    return (
                      <Field
                        key={m.metricId}
                        label={metricLabel(m, lang)}
                        validationState={error ? 'error' : warn.length ? 'warning' : 'none'}
                        validationMessage={error ?? (warn.length ? warn.join(' ') : undefined)}
                        required={!locked}
                      >
                        <Input
                          className={mergeClasses(styles.number, locked && styles.readOnly)}
                          ref={(el) => {
                            if (el) inputRefs.current.set(m.metricId, el);
                          }}
                          inputMode="numeric"
                          autoComplete="off"
                          value={values[m.metricId] ?? ''}
                          readOnly={locked}
                          data-testid={`value-${m.metricId}`}
                          onChange={(_, d) => {
                            const next = { ...values, [m.metricId]: d.value };
                            setValues(next);
                            setServerFields(({ [m.metricId]: _drop, ...rest }) => rest);
                            saveDraft(next, note);
                          }}
                          onBlur={() => setTouched((t) => ({ ...t, [m.metricId]: true }))}
                        />
                      </Field>
                    );
                  })}
                </div>
                {!locked && (
                  <Field
                    label={noteRequired ? s.noteCorrection : s.note}
                    hint={noteRequired ? s.noteHintLate(info.dueDate) : undefined}
                    required={noteRequired}
                    validationState={serverFields.note ? 'error' : 'none'}
                    validationMessage={serverFields.note}
                  >
                    <Textarea
                      value={note}
                      readOnly={locked}
                      resize="vertical"
                      data-testid="note"
                      onChange={(_, d) => {
                        setNote(d.value);
                        setServerFields(({ note: _drop, ...rest }) => rest);
                        saveDraft(values, d.value);
                      }}
                    />
                  </Field>
                )}
                {warnings.length > 0 && (
                  <Notice
                    notice={{
                      intent: 'warning',
                      text: (
                        <>
                          <Subtitle2 as="h3">{s.warningsTitle}</Subtitle2>
                          <ul>
                            {warnings.map((w) => (
                              <li key={w.ruleId}>{w.message[lang]}</li>
                            ))}
                          </ul>
                        </>
                      ),
                    }}
                  />
                )}
                {!locked && (
                  <div className={styles.actions}>
                    <Button
                      type="submit"
                      appearance="primary"
                      disabled={locked || submitting}
                      data-testid="submit"
                    >
                      {submitting ? s.submitting : current ? s.resubmit : s.submit}
                    </Button>
                    {submitting && <Spinner size="tiny" aria-hidden />}
                  </div>
                )}
              </form>
            )
          )}
        </>
      )}
    </>
  );
}
