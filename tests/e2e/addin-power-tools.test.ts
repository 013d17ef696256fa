// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, whose innerText() is the visible text a user reads.
/**
 * The coordinator's power tools in headless Chromium against the real local stack: the LEGAL.*
 * functions as the built functions.js registers them (with Excel's CustomFunctions stood in by the
 * page), exports, import of history, "as reported vs as corrected" and the working-day calendar.
 * Screenshots go to test-artifacts/addin/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type LocalStack, startLocalStack } from '../../lambda/src/local/server';

const ARTIFACTS = join(__dirname, '../../test-artifacts/addin');
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

let stack: LocalStack;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  stack = await startLocalStack({
    port: 0,
    dataDir: null,
    seedDemo: true,
    dynamoEndpoint: process.env.DYNAMODB_ENDPOINT,
    tableName: `e2e-power-${process.pid}`,
  });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}, 240_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
});

interface Pane {
  page: Page;
  context: BrowserContext;
  errors: string[];
  /** Paths of the API requests the page made, in order. */
  requests: string[];
}

/**
 * Excel's custom-functions runtime as the shared runtime provides it: `CustomFunctions.associate`
 * and error values. The test calls the registered functions the way Excel calls them, per cell.
 */
const FAKE_CUSTOM_FUNCTIONS = `
  window.__registered = {};
  window.CustomFunctions = {
    ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' },
    Error: class extends Error { constructor(code, message) { super(message); this.code = code; } },
    associate: (id, fn) => { window.__registered[id] = fn; },
  };`;

async function openPane(
  options: { locale?: string; path?: string; customFunctions?: boolean } = {},
): Promise<Pane> {
  const context = await browser.newContext({
    viewport: { width: 380, height: 860 },
    deviceScaleFactor: 2,
    locale: options.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  contexts.push(context);
  const page = await context.newPage();
  if (options.customFunctions) await page.addInitScript(FAKE_CUSTOM_FUNCTIONS);
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/api/')) requests.push(`${r.method()} ${u.pathname}${u.search}`);
  });
  await page.goto(`${stack.url}${options.path ?? '/'}`);
  return { page, context, errors, requests };
}

async function signIn(page: Page, sub: string): Promise<void> {
  await page.getByTestId(`identity-${sub}`).click();
  await page.getByTestId('user-bar').waitFor();
}

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

async function apiToken(identity: Record<string, unknown>): Promise<string> {
  const r = await fetch(`${stack.url}/api/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(identity),
  });
  return ((await r.json()) as { token: string }).token;
}

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const token = await apiToken({ sub: 'wang.fang', name: '王芳', role: 'coordinator' });
  const r = await fetch(`${stack.url}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(init.headers ?? {}),
    },
  });
  return (await r.json()) as T;
}

jest.setTimeout(90_000);

describe('LEGAL.* custom functions in the pane’s runtime', () => {
  it('registers the four functions; 100 cells of one calculation are one batch request; refresh asks again', async () => {
    const { page, errors, requests } = await openPane({
      path: '/addin/taskpane.html?sheet=memory',
      customFunctions: true,
    });
    await page.waitForFunction(
      () => Object.keys((window as unknown as { __registered: object }).__registered).length === 4,
    );
    // Before sign-in: an error value telling the user what to do, not a hang.
    const before = await page.evaluate(async () => {
      const f = (window as unknown as { __registered: Record<string, (...a: unknown[]) => Promise<unknown>> })
        .__registered;
      return f.TOTAL?.('lectures', '2020-01', '2020-12').then(
        (v) => ({ v }),
        (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
      );
    });
    expect(before).toMatchObject({ code: '#N/A', message: expect.stringContaining('请先') });

    await signIn(page, 'wang.fang');
    requests.length = 0;
    const cells = await page.evaluate(async () => {
      const f = (window as unknown as { __registered: Record<string, (...a: unknown[]) => Promise<unknown>> })
        .__registered;
      const calls: Promise<unknown>[] = [];
      for (let i = 0; i < 97; i++) {
        const month = String((i % 12) + 1).padStart(2, '0');
        calls.push(
          f.TOTAL?.(
            i % 2 ? 'lectures' : '接待法律咨询',
            `2020-${month}`,
            '2020-12',
            i % 3 ? 'judicial-office' : undefined,
          ) as Promise<unknown>,
        );
      }
      calls.push(f.VALUE?.('judicial-office', 'lectures', '2020-07') as Promise<unknown>);
      calls.push(f.COMPLETENESS?.('2020-01', '2020-12') as Promise<unknown>);
      calls.push(f.STATUS?.('res-tonghe-2', '2020-07') as Promise<unknown>);
      return Promise.all(
        calls.map((c) =>
          c.then(
            (v) => v,
            (e: { code: string }) => e.code,
          ),
        ),
      );
    });
    expect(cells).toHaveLength(100);
    expect(cells.slice(0, 97).every((v) => typeof v === 'number')).toBe(true);
    expect(cells[98]).toBe(1);
    expect(cells[99]).toBe('逾期提交');
    expect(requests.filter((r) => r === 'POST /api/aggregates/batch')).toHaveLength(1);
    // (The pane's own completeness grid asks about recent months; STATUS asked about 2020-07 once.)
    expect(requests.filter((r) => r === 'GET /api/completeness?period=2020-07')).toHaveLength(1);

    // Cached: the same cells again send nothing; "refresh figures" makes the next calculation ask again.
    requests.length = 0;
    const again = () =>
      page.evaluate(async () => {
        const f = (
          window as unknown as { __registered: Record<string, (...a: unknown[]) => Promise<unknown>> }
        ).__registered;
        return f.TOTAL?.('lectures', '2020-02', '2020-12', 'judicial-office');
      });
    const first = await again();
    expect(requests.filter((r) => r.includes('/api/aggregates'))).toHaveLength(0);
    await page.getByTestId('refresh-figures').click();
    // The button loads the functions' runtime lazily before it drops the cache: ask until it has.
    const batches = () => requests.filter((r) => r === 'POST /api/aggregates/batch').length;
    let refreshed: unknown;
    for (let i = 0; i < 50 && batches() === 0; i++) {
      refreshed = await again();
      if (batches() === 0) await page.waitForTimeout(100);
    }
    expect(refreshed).toBe(first);
    expect(batches()).toBe(1);
    await shot(page, '20-functions-refresh-button');
    expect(errors).toEqual([]);
  });
});

describe('exports in the pane', () => {
  it('downloads totals as CSV (BOM, Chinese) and the revision history as xlsx, and writes the history to a new sheet', async () => {
    const { page, errors } = await openPane({ path: '/addin/taskpane.html?sheet=memory' });
    await signIn(page, 'wang.fang');
    await page.getByRole('tab', { name: '导出' }).click();
    await page.getByTestId('export-from').selectOption('2020-01');
    await page.getByTestId('export-to').selectOption('2020-12');

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-aggregates-csv').click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const csvBytes = readFileSync(await csv.path());
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvText = csvBytes.toString('utf8');
    expect(csvText).toContain('司法所');
    expect(csvText).toContain('接待法律咨询');
    await page.getByText(`已下载“${csv.suggestedFilename()}”。`).waitFor();

    await page.getByTestId('export-unit').selectOption('legal-service-station');
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-submissions-xlsx').click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(await xlsx.path()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const rows = (sheet?.getSheetValues() ?? []).filter(Boolean) as unknown[][];
    const flat = rows.map((r) => r.filter((v) => v !== undefined && v !== null).join('|'));
    expect(flat.every((line, i) => i === 0 || line.includes('公共法律服务站'))).toBe(true);
    // 2020-06 was corrected in the demo: both revisions are there, the correction with its note.
    expect(
      flat.filter((line) => line.includes('2020-06') && line.includes('consultations')).length,
    ).toBeGreaterThanOrEqual(2);

    await page.getByTestId('export-history-sheet').click();
    await page.getByText(/已将 \d+ 行修订记录写入工作表“填报记录 2020-01~2020-12”/).waitFor();
    const written = await page.evaluate(() => {
      const wb = (window as unknown as { __legalReportingWorkbook: { sheets: Map<string, unknown[][]> } })
        .__legalReportingWorkbook;
      return wb.sheets.get('填报记录 2020-01~2020-12') ?? null;
    });
    expect(written?.[0]).toContain('部门');
    expect(written?.length).toBe(rows.length);
    expect(written?.[1]?.some((v) => typeof v === 'number')).toBe(true);
    await shot(page, '21-coordinator-export');
    expect(errors).toEqual([]);
  });
});

describe('import of history in the pane', () => {
  it('previews a CSV file with its problems by row and column, imports with progress, and a re-import changes nothing', async () => {
    const { departments } = await api<{ departments: { departmentId: string; metrics: string[] }[] }>(
      '/api/departments',
    );
    const { metrics } = await api<{ metrics: { metricId: string; name: { 'zh-CN': string } }[] }>(
      '/api/metrics',
    );
    const judicial = departments.find((d) => d.departmentId === 'judicial-office');
    const ids = judicial?.metrics ?? [];
    const header = [
      '部门',
      '月份',
      ...ids.map((id) => metrics.find((m) => m.metricId === id)?.name['zh-CN'] ?? id),
      '备注',
    ];
    // Values that satisfy the demo's rules (answered <= requests, approved <= answered…): all equal.
    const row = (period: string, v: number | string) => ['司法所', period, ...ids.map(() => v), '旧台账'];
    const csv = [
      ['司法所 2018 年台账'],
      header,
      row('2018-01', 2),
      row('2018-02', 3),
      row('2018-03', 'x'),
      ['不存在的部门', '2018-01', ...ids.map(() => 1), ''],
    ]
      .map((r) => r.join(','))
      .join('\r\n');
    const file = {
      name: '司法所2018.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${csv}`, 'utf8'),
    };

    const { page, errors } = await openPane();
    await signIn(page, 'wang.fang');
    await page.getByRole('tab', { name: '导入' }).click();
    await page.getByTestId('import-file').setInputFiles(file);
    await expect(page.getByTestId('import-summary').innerText()).resolves.toContain(
      '新增 2 个月份，修改 0 个，未变 0 个，有问题 2 个。',
    );
    const problems = await page.getByTestId('import-problems').locator('tbody tr').allInnerTexts();
    expect(problems.some((p) => p.startsWith('5\tC'))).toBe(true);
    expect(problems.some((p) => p.startsWith('6\tA') && p.includes('不存在的部门'))).toBe(true);
    await shot(page, '22-coordinator-import-preview');

    await page.getByTestId('import-run').click();
    await page.getByText('导入完成：新增 2，修改 0，未变 0，未导入 2。').waitFor();
    await expect(page.getByTestId('import-progress').getAttribute('aria-valuenow')).resolves.toBe('1');
    await expect(page.getByTestId('import-problems').locator('tbody tr').count()).resolves.toBe(2);
    await shot(page, '23-coordinator-import-done');
    const jan = await api<{ submissions: { departmentId: string; values: Record<string, number> }[] }>(
      '/api/submissions?period=2018-01',
    );
    expect(jan.submissions.find((s) => s.departmentId === 'judicial-office')?.values[ids[0] as string]).toBe(
      2,
    );

    await page.getByTestId('import-file').setInputFiles(file);
    await expect(page.getByTestId('import-summary').innerText()).resolves.toContain(
      '新增 0 个月份，修改 0 个，未变 2 个',
    );
    await expect(page.getByTestId('import-run').isDisabled()).resolves.toBe(true);
    expect(errors).toEqual([]);
  });
});

describe('import of history from the active sheet', () => {
  it('reads the sheet the coordinator has open, with the same checks', async () => {
    const { page, errors } = await openPane({ path: '/addin/taskpane.html?sheet=memory' });
    await signIn(page, 'wang.fang');
    await page.getByRole('tab', { name: '导入' }).click();
    await page.evaluate(() => {
      const wb = (
        window as unknown as {
          __legalReportingWorkbook: { sheets: Map<string, unknown[][]>; activeSheet: string | null };
        }
      ).__legalReportingWorkbook;
      wb.sheets.set('旧台账', [
        ['部门', '月份', '法治讲座', '备注'],
        ['街道办公室', '2018-05', 2, null],
        ['街道办公室', '2018年6月', 'abc', null],
      ]);
      wb.activeSheet = '旧台账';
    });
    await page.getByTestId('import-from-sheet').click();
    await expect(page.getByTestId('import-summary').innerText()).resolves.toMatch(/^旧台账：/);
    const problems = await page.getByTestId('import-problems').locator('tbody tr').allInnerTexts();
    expect(problems.some((p) => p.startsWith('3\tC'))).toBe(true);
    expect(errors).toEqual([]);
  });
});

describe('year-end report: as reported vs as corrected', () => {
  it('shows both figures, the difference and the correction with its note', async () => {
    const { page, errors } = await openPane();
    await signIn(page, 'wang.fang');
    await page.getByRole('tab', { name: '年终报告' }).click();
    await page.getByTestId('year-from').selectOption('2020-01');
    await page.getByTestId('year-to').selectOption('2020-06');
    await page.getByTestId('year-compare').check();
    // Before the demo's correction of 公共法律服务站 2020-06 (a slip of +10 consultations, fixed ten working days later).
    await page.getByTestId('year-reported-on').fill('2020-07-10');
    await page.getByTestId('year-generate').click();
    const row = page.getByTestId('compare-consultations');
    await row.waitFor();
    const cells = await row.locator('td').allInnerTexts();
    const n = (t: string) => Number(t.replace(/[^\d]/g, ''));
    expect(n(cells[1] as string) - n(cells[2] as string)).toBe(10);
    expect(cells[3]).toBe('−10');
    const changes = await page.getByTestId('year-changes').innerText();
    expect(changes).toContain('公共法律服务站');
    expect(changes).toContain('录入时多填了10，已按台账更正。');
    expect(changes).toContain('更正');
    // The API's own answer agrees.
    const reference = await api<{ comparison: { rows: { metricId: string; difference: number }[] } }>(
      `/api/reports/year-end?from=2020-01&to=2020-06&lang=zh-CN&asOf=${encodeURIComponent('2020-07-10T23:59:59.999+08:00')}&compareAsOf=now`,
    );
    expect(reference.comparison.rows.find((r) => r.metricId === 'consultations')?.difference).toBe(-10);
    await expect(page.getByTestId('year-corrected-text').inputValue()).resolves.toMatch(/2020/);
    await shot(page, '24-coordinator-year-end-compare');
    expect(errors).toEqual([]);
  });
});

describe('working-day calendar', () => {
  it('warns coordinators of a year without official data, and the coordinator sets it; the banner goes', async () => {
    const health = (await (await fetch(`${stack.url}/api/health`)).json()) as {
      calendarFallbackYears?: number[];
    };
    const fallbackYear = health.calendarFallbackYears?.[0];
    const { page, errors } = await openPane();
    await signIn(page, 'wang.fang');
    let year: number;
    if (fallbackYear !== undefined) {
      const banner = page.getByTestId('calendar-fallback-banner');
      await banner.waitFor();
      await expect(banner.innerText()).resolves.toContain(`${fallbackYear} 年的法定节假日安排尚无官方数据`);
      await shot(page, '25-coordinator-calendar-banner');
      await banner.getByRole('button', { name: `录入 ${fallbackYear} 年安排` }).click();
      year = fallbackYear;
    } else {
      // Every year near today has official data: set one further out (an override works for any year).
      await page.getByRole('tab', { name: '工作日历' }).click();
      year = Number(await page.getByTestId('calendar-year').inputValue()) + 2;
      await page.getByTestId('calendar-year').selectOption(String(year));
    }
    await expect(page.getByTestId('calendar-year').inputValue()).resolves.toBe(String(year));
    await page.getByTestId('calendar-source').waitFor();

    // A bad line is refused in the pane, with the line named; a weekday make-up day by the server.
    await page.getByTestId('calendar-holidays').fill(`${year}-01-01\n${year}-10-01 ~ ${year}-10-07\n10月8日`);
    await page.getByTestId('calendar-save').click();
    await page.getByText('无法识别这些日期：10月8日').waitFor();
    // Find a weekday and a Saturday of that year in October for the make-up days.
    const saturday = [...Array(31).keys()]
      .map((d) => `${year}-10-${String(d + 1).padStart(2, '0')}`)
      .find((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 6 && d > `${year}-10-07`) as string;
    await page.getByTestId('calendar-holidays').fill(`${year}-01-01\n${year}-10-01 ~ ${year}-10-07`);
    await page.getByTestId('calendar-workdays').fill(saturday);
    await page.getByTestId('calendar-save').click();
    await page.getByText(`已保存 ${year} 年的节假日安排`).waitFor();
    await expect(page.getByTestId('calendar-source').innerText()).resolves.toBe('协调员设置');
    await expect(page.getByTestId('calendar-holidays').inputValue()).resolves.toBe(
      `${year}-01-01\n${year}-10-01 ~ ${year}-10-07`,
    );
    const stored = await api<{ source: string; holidays: string[]; workdays: string[] }>(
      `/api/calendar/${year}`,
    );
    expect(stored.source).toBe('override');
    expect(stored.holidays).toHaveLength(8);
    expect(stored.workdays).toEqual([saturday]);
    if (fallbackYear !== undefined && (health.calendarFallbackYears ?? []).length === 1) {
      await page.getByTestId('calendar-fallback-banner').waitFor({ state: 'detached' });
    }
    await shot(page, '26-coordinator-calendar-override');
    expect(errors).toEqual([]);
  });

  it('a unit coordinator sees the calendar read-only', async () => {
    const { page, errors } = await openPane();
    await signIn(page, 'zhao.lei');
    await page.getByRole('tab', { name: '工作日历' }).click();
    await page.getByTestId('calendar-source').waitFor();
    await page.getByText('只有全局协调员可以修改工作日历。').waitFor();
    await expect(page.getByTestId('calendar-save').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });
});
