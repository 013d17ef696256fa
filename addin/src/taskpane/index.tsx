/**
 * Entry: waits for Office, picks the workbook (Excel, or in memory in a plain browser) and the language,
 * then renders the pane. A plain browser is a supported mode: the same pane works as a web form.
 */
import { createRoot } from 'react-dom/client';
import type { AddinConfig } from '../auth/auth-config';
import { langFrom } from '../i18n/strings';
import { ExcelWorkbook } from '../workbook/excel-workbook';
import { InMemoryWorkbook } from '../workbook/in-memory-workbook';
import type { WorkbookPort } from '../workbook/workbook-port';
import { App } from './app';

declare const __ADDIN_CONFIG__: AddinConfig;

interface HostInfo {
  host: string | null;
  displayLanguage: string | null;
}

/** Office.onReady, or "no host" when office.js is missing or never answers (a plain page, offline CDN). */
function officeReady(): Promise<HostInfo> {
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') {
    return Promise.resolve({ host: null, displayLanguage: null });
  }
  const ready = Office.onReady().then((info) => ({
    host: info.host ? String(info.host) : null,
    displayLanguage: info.host ? (Office.context?.displayLanguage ?? null) : null,
  }));
  const timeout = new Promise<HostInfo>((resolve) =>
    setTimeout(() => resolve({ host: null, displayLanguage: null }), 5000),
  );
  return Promise.race([ready, timeout]);
}

function safeStorage(kind: 'localStorage' | 'sessionStorage'): Storage | null {
  try {
    return window[kind];
  } catch {
    return null;
  }
}

async function boot(): Promise<void> {
  const info = await officeReady();
  const port: WorkbookPort =
    info.host === 'Excel'
      ? new ExcelWorkbook({
          excel: Excel,
          supportsExcelApi: (version) => Office.context.requirements.isSetSupported('ExcelApi', version),
          settings: Office.context.document?.settings ?? null,
        })
      : new InMemoryWorkbook(safeStorage('localStorage'));
  const params = new URLSearchParams(window.location.search);
  const lang = langFrom(params.get('lang') ?? info.displayLanguage ?? navigator.language);
  // `?sheet=memory` shows the sheet features outside Excel on the in-memory workbook, which is then
  // reachable as window.__legalReportingWorkbook: how the browser tests drive the sheet flow.
  const sheetInBrowser = port.kind === 'memory' && params.get('sheet') === 'memory';
  if (sheetInBrowser) (window as unknown as Record<string, unknown>).__legalReportingWorkbook = port;
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <App
      config={__ADDIN_CONFIG__}
      port={port}
      initialLang={lang}
      storage={safeStorage('sessionStorage')}
      sheetInBrowser={sheetInBrowser}
    />,
  );
}

void boot();
