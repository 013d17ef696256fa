import { Caption1, Spinner, Tab, TabList } from '@fluentui/react-components';
import { lazy, Suspense, useState } from 'react';
import { useApp } from '../app-context';
import { useFormStyles } from './clerk-view';
import { CompletenessPanel } from './completeness-panel';
import { TotalsPanel } from './totals-panel';
import { YearEndPanel } from './year-end-panel';

// Occasional tools: their own chunks, fetched when the tab is first opened.
const ExportPanel = lazy(() => import('./export-panel'));
const ImportPanel = lazy(() => import('./import-panel'));

type CoordinatorTab = 'completeness' | 'totals' | 'year-end' | 'export' | 'import' | 'calendar';

/** The coordinator's pane: who reported, totals for any range and unit, and the year-end report. */
export default function CoordinatorView() {
  const { s, hasSheet } = useApp();
  const styles = useFormStyles();
  const [tab, setTab] = useState<CoordinatorTab>('completeness');
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
        <Tab value="export">{s.tabExport}</Tab>
        <Tab value="import">{s.tabImport}</Tab>
      </TabList>
      {!hasSheet && <Caption1 className={styles.muted}>{s.noHostNote}</Caption1>}
      {tab === 'completeness' && <CompletenessPanel />}
      {tab === 'totals' && <TotalsPanel />}
      {tab === 'year-end' && <YearEndPanel />}
      <Suspense fallback={<Spinner size="small" label={s.loading} />}>
        {tab === 'export' && <ExportPanel />}
        {tab === 'import' && <ImportPanel />}
      </Suspense>
    </>
  );
}
