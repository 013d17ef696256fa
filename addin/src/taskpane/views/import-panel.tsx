import {
  Body1,
  Button,
  Caption1,
  Field,
  makeStyles,
  ProgressBar,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { useRef, useState } from 'react';
import type { Grid } from '../../../../shared/src/domain/import';
import { describeError } from '../../api/describe-error';
import { decodeCsvBytes, parseCsv } from '../../files/csv';
import { TOOL_STRINGS } from '../../i18n/tool-strings';
import { useApp } from '../app-context';
import { Notice, type NoticeState } from '../components/notice';
import { type ImportOutcome, type Preview, previewImport, runImport } from '../import-flow';
import { useFormStyles } from './clerk-view';

const useStyles = makeStyles({
  scroller: { maxHeight: '320px', overflowY: 'auto', backgroundColor: tokens.colorNeutralBackground1 },
  narrow: { width: '3.5em' },
  hiddenInput: { display: 'none' },
});

/** Bulk import of history (coordinator): preview with every problem by row and column, then import. */
export default function ImportPanel() {
  const { lang, api, port, hasSheet, session } = useApp();
  const t = TOOL_STRINGS[lang];
  const styles = useStyles();
  const form = useFormStyles();
  const fileInput = useRef<HTMLInputElement>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  // The file's problems stay listed after the import: they are the rows that were not imported.
  const [fileProblems, setFileProblems] = useState<Preview['problems']>([]);
  const [source, setSource] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const [busy, setBusy] = useState(false);

  const check = async (name: string, grid: Grid) => {
    setBusy(true);
    setNotice(null);
    setOutcome(null);
    setProgress(null);
    try {
      // The rules too: a rule violation is reported in the preview, not discovered while writing.
      const [metrics, departments, rules] = await Promise.all([
        api.metrics(),
        api.departments(),
        api.rules(),
      ]);
      setSource(name);
      const next = await previewImport(
        grid,
        { metrics: metrics.metrics, departments: departments.departments, rules: rules.rules },
        session.principal,
        api,
      );
      setPreview(next);
      setFileProblems(next.problems);
    } catch (error) {
      setNotice({ intent: 'error', text: describeError(error, lang).message });
    } finally {
      setBusy(false);
    }
  };

  const fromSheet = async () => {
    const sheet = await port.readActiveSheet();
    if (!sheet) {
      setNotice({ intent: 'warning', text: t.importNoSheet });
      return;
    }
    await check(
      sheet.name,
      sheet.values.map((row) => row.map((v) => (typeof v === 'boolean' ? String(v) : v))),
    );
  };

  const fromFile = async (file: File | undefined) => {
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    await check(file.name, parseCsv(decodeCsvBytes(bytes)));
    if (fileInput.current) fileInput.current.value = '';
  };

  const toWrite = preview ? preview.summary.new + preview.summary.changed : 0;

  const start = async () => {
    if (!preview) return;
    setBusy(true);
    setNotice(null);
    try {
      const result = await runImport(preview, api, lang, {
        correctionNote: t.importCorrectionNote,
        onProgress: (done, total) => setProgress({ done, total }),
      });
      setOutcome(result);
      setNotice({ intent: result.failed > 0 ? 'warning' : 'success', text: t.importDone(result) });
      setPreview(null);
    } catch (error) {
      setNotice({ intent: 'error', text: describeError(error, lang).message });
    } finally {
      setBusy(false);
    }
  };

  const problems = [
    ...fileProblems.map((p) => ({ row: p.row, column: p.column, message: p.message[lang] })),
    ...(outcome?.problems.map((p) => ({ row: p.row, column: null, message: p.message })) ?? []),
  ];

  return (
    <section className={form.card} aria-label={t.tabImport} data-testid="import">
      <Body1>{t.importIntro}</Body1>
      <div className={form.actions}>
        {hasSheet && (
          <Button onClick={() => void fromSheet()} disabled={busy} data-testid="import-from-sheet">
            {t.importFromSheet}
          </Button>
        )}
        <Button onClick={() => fileInput.current?.click()} disabled={busy}>
          {t.importFromFile}
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".csv,text/csv"
          className={styles.hiddenInput}
          aria-label={t.importFromFile}
          data-testid="import-file"
          onChange={(e) => void fromFile(e.target.files?.[0])}
        />
        {busy && !progress && <Spinner size="tiny" aria-hidden />}
      </div>
      {preview && (
        <>
          <Body1 data-testid="import-summary">
            {source ? `${source}：` : ''}
            {t.importSummary(preview.summary)}
          </Body1>
          <div className={form.actions}>
            <Button
              appearance="primary"
              disabled={busy || toWrite === 0}
              onClick={() => void start()}
              data-testid="import-run"
            >
              {toWrite === 0 ? t.importNothing : t.importRun(toWrite)}
            </Button>
          </div>
        </>
      )}
      {progress && (
        <Field validationMessage={t.importProgress(progress.done, progress.total)} validationState="none">
          <ProgressBar
            value={progress.total === 0 ? 1 : progress.done / progress.total}
            data-testid="import-progress"
          />
        </Field>
      )}
      <Notice notice={notice} onDismiss={() => setNotice(null)} />
      {problems.length > 0 && (
        <>
          <Caption1>{t.importProblems}</Caption1>
          <div className={styles.scroller}>
            <Table size="small" aria-label={t.importProblems} data-testid="import-problems">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell className={styles.narrow}>{t.importRow}</TableHeaderCell>
                  <TableHeaderCell className={styles.narrow}>{t.importColumn}</TableHeaderCell>
                  <TableHeaderCell>{t.importProblem}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {problems.map((p, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a row may have several problems; the list is rebuilt whole.
                  <TableRow key={i}>
                    <TableCell>{p.row}</TableCell>
                    <TableCell>{p.column ?? '—'}</TableCell>
                    <TableCell>{p.message}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </>
      )}
    </section>
  );
}
