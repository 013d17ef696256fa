import { Caption1, Spinner, Tab, TabList } from '@fluentui/react-components';
import { lazy, Suspense, useEffect, useState } from 'react';
import { TOOL_STRINGS } from '../../i18n/tool-strings';
import { useApp } from '../app-context';
import { Notice } from '../components/notice';
import { useFormStyles } from './clerk-view';
import { CompletenessPanel } from './completeness-panel';
import { TotalsPanel } from './totals-panel';
import { YearEndPanel } from './year-end-panel';

// Occasional tools: their own chunks, fetched when the tab is first opened.
const ExportPanel = lazy(() => import('./export-panel'));
const ImportPanel = lazy(() => import('./import-panel'));
const CalendarPanel = lazy(() => import('./calendar-panel'));

type CoordinatorTab = 'completeness' | 'totals' | 'year-end' | 'export' | 'import' | 'calendar';

/** The coordinator's pane: who reported, totals for any range and unit, and the year-end report. */
export default function CoordinatorView() {
  const { s, hasSheet, api, session, lang } = useApp();
  const t = TOOL_STRINGS[lang];
  const styles = useFormStyles();
  const [tab, setTab] = useState<CoordinatorTab>('completeness');
  const [calendarYear, setCalendarYear] = useState<number | undefined>(undefined);
  const [healthCheck, setHealthCheck] = useState(0);
  const [fallback, setFallback] = useState<{ years: number[]; warnings: string[] } | null>(null);

  // A year without official holiday data makes due dates and reminders a guess: coordinators must
  // see it (issue 4), and the organisation-wide one can fix it in the calendar tab.
  // biome-ignore lint/correctness/useExhaustiveDependencies: lang (sent as Accept-Language: the warning's language) and healthCheck (a calendar save) are why health is asked again.
  useEffect(() => {
    let live = true;
    api
      .health()
      .then((h) => {
        if (!live) return;
        setFallback(
          h.calendarFallbackYears?.length
            ? { years: h.calendarFallbackYears, warnings: h.warnings ?? [] }
            : null,
        );
      })
      .catch(() => undefined); // health is advisory here; the views report their own failures
    return () => {
      live = false;
    };
  }, [api, lang, healthCheck]);
  const mayEditCalendar = !session.principal.departmentId;
  return (
    <>
      <TabList
        style={{ flexWrap: 'wrap' }}
        selectedValue={tab}
        onTabSelect={(_, d) => setTab(d.value as typeof tab)}
        size="small"
      >
        <Tab value="completeness">{s.tabCompleteness}</Tab>
        <Tab value="totals">{s.tabTotals}</Tab>
        <Tab value="year-end">{s.tabYearEnd}</Tab>
        <Tab value="export">{t.tabExport}</Tab>
        <Tab value="import">{t.tabImport}</Tab>
        <Tab value="calendar">{t.tabCalendar}</Tab>
      </TabList>
      {fallback && (
        <div data-testid="calendar-fallback-banner">
          <Notice
            notice={{
              intent: 'warning',
              text: fallback.warnings.join(' ') || fallback.years.join(', '),
              action:
                mayEditCalendar && fallback.years[0] !== undefined
                  ? {
                      label: t.calendarFallbackAction(fallback.years[0]),
                      run: () => {
                        setCalendarYear(fallback.years[0]);
                        setTab('calendar');
                      },
                    }
                  : undefined,
            }}
          />
        </div>
      )}
      {!hasSheet && <Caption1 className={styles.muted}>{s.noHostNote}</Caption1>}
      {tab === 'completeness' && <CompletenessPanel />}
      {tab === 'totals' && <TotalsPanel />}
      {tab === 'year-end' && <YearEndPanel />}
      <Suspense fallback={<Spinner size="small" label={s.loading} />}>
        {tab === 'export' && <ExportPanel />}
        {tab === 'import' && <ImportPanel />}
        {tab === 'calendar' && (
          <CalendarPanel
            key={calendarYear}
            initialYear={calendarYear}
            onSaved={() => setHealthCheck((n) => n + 1)}
          />
        )}
      </Suspense>
    </>
  );
}
