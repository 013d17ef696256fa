import {
  Badge,
  Body1,
  Button,
  Caption1,
  Field,
  makeStyles,
  Select,
  Spinner,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useId, useState } from 'react';
import type { CalendarYear } from '../../api/api-client';
import { describeError } from '../../api/describe-error';
import { TOOL_STRINGS } from '../../i18n/tool-strings';
import { useApp } from '../app-context';
import { formatDays, parseDays } from '../calendar-text';
import { Notice, type NoticeState } from '../components/notice';
import { currentPeriod } from '../format';
import { useFormStyles } from './clerk-view';

const useStyles = makeStyles({
  days: { '& textarea': { minHeight: '140px', fontFamily: tokens.fontFamilyMonospace } },
});

/**
 * A year's working-day calendar (issue 4): where it comes from (official, override, fallback), its
 * holidays and weekend make-up days, and for an unscoped coordinator the override that fixes a year
 * the packaged data does not know yet.
 */
export default function CalendarPanel({
  initialYear,
  onSaved,
}: {
  initialYear?: number;
  /** The fallback banner asks health again: the year may no longer be a guess. */
  onSaved?: () => void;
}) {
  const { lang, api, session } = useApp();
  const t = TOOL_STRINGS[lang];
  const styles = useStyles();
  const form = useFormStyles();
  const thisYear = Number(currentPeriod().slice(0, 4));
  const [year, setYear] = useState(initialYear ?? thisYear);
  const [calendar, setCalendar] = useState<CalendarYear | null>(null);
  const [holidays, setHolidays] = useState('');
  const [workdays, setWorkdays] = useState('');
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const [busy, setBusy] = useState(false);
  const yearId = useId();
  const mayEdit = session.principal.role === 'coordinator' && !session.principal.departmentId;

  const load = useCallback(async () => {
    setBusy(true);
    setNotice(null);
    try {
      const c = await api.calendar(year);
      setCalendar(c);
      setHolidays(formatDays(c.holidays));
      setWorkdays(formatDays(c.workdays));
    } catch (error) {
      const d = describeError(error, lang);
      setNotice({ intent: 'error', text: d.message, retry: d.retryable ? () => void load() : undefined });
    } finally {
      setBusy(false);
    }
  }, [api, year, lang]);

  useEffect(() => {
    void load();
  }, [load]);

  const save = async () => {
    const h = parseDays(holidays);
    const w = parseDays(workdays);
    const bad = [...h.bad, ...w.bad];
    if (bad.length > 0) {
      setNotice({ intent: 'error', text: t.calendarBad(bad.join('、')) });
      return;
    }
    setBusy(true);
    setNotice(null);
    try {
      const c = await api.putCalendar(year, { holidays: h.days, workdays: w.days });
      setCalendar(c);
      setHolidays(formatDays(c.holidays));
      setWorkdays(formatDays(c.workdays));
      setNotice({ intent: 'success', text: t.calendarSaved(year) });
      onSaved?.();
    } catch (error) {
      const d = describeError(error, lang);
      const details = Object.values(d.fields).filter((f) => !d.message.includes(f));
      setNotice({ intent: 'error', text: [d.message, ...details].join(' ') });
    } finally {
      setBusy(false);
    }
  };

  const years = [thisYear - 1, thisYear, thisYear + 1, thisYear + 2];
  return (
    <section className={form.card} aria-label={t.tabCalendar} data-testid="calendar">
      <Body1>{t.calendarIntro}</Body1>
      <div className={form.row}>
        <Field label={t.calendarYear}>
          <Select
            id={yearId}
            value={String(year)}
            onChange={(_, d) => setYear(Number(d.value))}
            data-testid="calendar-year"
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </Select>
        </Field>
        {calendar && calendar.year === year && (
          <Badge
            appearance="tint"
            color={
              calendar.source === 'fallback'
                ? 'warning'
                : calendar.source === 'override'
                  ? 'brand'
                  : 'success'
            }
            data-testid="calendar-source"
          >
            {t.calendarSource[calendar.source]}
          </Badge>
        )}
        {busy && <Spinner size="tiny" aria-hidden />}
      </div>
      <Field
        label={t.calendarHolidays}
        hint={calendar ? t.calendarDays(parseDays(holidays).days.length) : undefined}
      >
        <Textarea
          className={styles.days}
          value={holidays}
          onChange={(_, d) => setHolidays(d.value)}
          readOnly={!mayEdit}
          resize="vertical"
          data-testid="calendar-holidays"
        />
      </Field>
      <Field label={t.calendarWorkdays}>
        <Textarea
          className={styles.days}
          value={workdays}
          onChange={(_, d) => setWorkdays(d.value)}
          readOnly={!mayEdit}
          resize="vertical"
          data-testid="calendar-workdays"
        />
      </Field>
      {mayEdit ? (
        <div className={form.actions}>
          <Button
            appearance="primary"
            onClick={() => void save()}
            disabled={busy}
            data-testid="calendar-save"
          >
            {t.calendarSave}
          </Button>
        </div>
      ) : (
        <Caption1 className={form.muted}>{t.calendarReadOnly}</Caption1>
      )}
      <Notice notice={notice} onDismiss={() => setNotice(null)} />
    </section>
  );
}
