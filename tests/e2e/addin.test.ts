// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, whose innerText() is the visible text a user reads.
/**
 * The task pane in headless Chromium against the real local stack (handlers, DynamoDB Local, demo
 * data, the built add-in), as a clerk and a coordinator would use it in a browser. Screenshots of each
 * main view go to test-artifacts/addin/ (gitignored) for people to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
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

/** The current month in Asia/Shanghai: submittable and not yet due, so a first submission is on time. */
function currentPeriod(): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(new Date());
  return `${parts.find((p) => p.type === 'year')?.value}-${parts.find((p) => p.type === 'month')?.value}`;
}

function previousPeriodOf(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  stack = await startLocalStack({
    port: 0,
    dataDir: null,
    seedDemo: true,
    // The run's shared DynamoDB Local (tests/setup/global-setup.ts), in a table of our own.
    dynamoEndpoint: process.env.DYNAMODB_ENDPOINT,
    tableName: `e2e-addin-${process.pid}`,
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
  /** Console errors and uncaught exceptions seen so far: normal use must leave none. */
  errors: string[];
}

async function openPane(options: { locale?: string; path?: string } = {}): Promise<Pane> {
  // A task pane is narrow: Excel's default is about 350 px.
  const context = await browser.newContext({
    viewport: { width: 380, height: 860 },
    deviceScaleFactor: 2,
    locale: options.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${stack.url}${options.path ?? '/'}`);
  return { page, errors };
}

async function signIn(page: Page, sub: string): Promise<void> {
  await page.getByTestId(`identity-${sub}`).click();
  await page.getByTestId('user-bar').waitFor();
}

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(150); // let Fluent's transitions settle so screenshots are steady
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Polls `read` until it returns `expected` (the pane updates after its requests finish). */
async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await read().catch(() => undefined);
    if (last === expected) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(last).toEqual(expected);
}

/** The text that an input's aria-describedby points at: its inline message as a screen reader reads it. */
function describedBy(page: Page, testId: string): Promise<string> {
  return page.getByTestId(testId).evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
      .filter(Boolean)
      .join(' '),
  );
}

async function apiToken(identity: Record<string, unknown>): Promise<string> {
  const r = await fetch(`${stack.url}/api/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(identity),
  });
  return ((await r.json()) as { token: string }).token;
}

jest.setTimeout(90_000);

describe('task pane in a browser', () => {
  it('offers the demo identities in Chinese, with the add-in’s look and no console errors', async () => {
    const { page, errors } = await openPane();
    await expect(page.title()).resolves.toBe('法治建设月报');
    await page.getByTestId('identity-li.na').waitFor();
    await expect(page.getByRole('heading', { name: '选择身份登录' }).isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('identity-li.na').innerText()).resolves.toContain(
      '李娜（司法所 · 填报员）',
    );
    await shot(page, '01-sign-in');
    // Outside Office the pane does not load office.js (it would reach for the internet and log errors).
    await expect(
      page.evaluate(() => typeof (window as unknown as { Office?: unknown }).Office),
    ).resolves.toBe('undefined');
    expect(errors).toEqual([]);
  });

  it('loads its own copy of office.js when Office hosts the page', async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    const officeJs: string[] = [];
    // Only the request matters here; answering it empty keeps the test off the internet.
    await page.route('**/office/office.js', (route) => {
      officeJs.push(route.request().url());
      return route.fulfill({ contentType: 'text/javascript', body: '' });
    });
    await page.goto(`${stack.url}/addin/taskpane.html?_host_Info=Excel$Win32$16.01$zh-CN$$$$0`);
    await page.getByTestId('identity-li.na').waitFor();
    expect(officeJs).toEqual([`${stack.url}/addin/office/office.js`]);
    const served = await fetch(`${stack.url}/addin/office/office.js`);
    expect(served.status).toBe(200);
  });

  it('lets a clerk submit, then the coordinator sees the department flip from missing to submitted and the totals move', async () => {
    const period = currentPeriod();
    const coordinator = await openPane();
    await signIn(coordinator.page, 'wang.fang');
    const cp = coordinator.page;
    await cp.getByTestId('completeness-to').selectOption(period);
    const cell = cp.locator(`[data-testid="row-judicial-office"] td[data-period="${period}"]`);
    await eventually(() => cell.getAttribute('data-status'), 'missing');
    await expect(cell.getAttribute('aria-label')).resolves.toContain('司法所');
    await shot(cp, '04-coordinator-completeness-before');

    await cp.getByRole('tab', { name: '汇总' }).click();
    await cp.getByTestId('totals-from').selectOption(period);
    await cp.getByTestId('totals-to').selectOption(period);
    await cp.getByTestId('total-lectures').waitFor();
    const before = Number((await cp.getByTestId('total-lectures').innerText()).replace(/\D/g, ''));

    const clerk = await openPane();
    const kp = clerk.page;
    await signIn(kp, 'li.na');
    await eventually(async () => (await kp.getByTestId('user-bar').innerText()).includes('司法所'), true);
    await kp.getByTestId('period').selectOption(period);
    await expect(kp.getByTestId('status-version').innerText()).resolves.toBe('尚未提交');
    await kp.getByLabel('法治讲座（场）').fill('7');
    await kp.getByTestId('submit').click();
    await expect(kp.getByTestId('notice-success').innerText()).resolves.toContain('已提交（第 1 版）');
    await expect(kp.getByTestId('status-version').innerText()).resolves.toBe('第 1 版');
    await expect(kp.getByTestId('status-late').innerText()).resolves.toBe('按时');
    await expect(kp.getByTestId('status-submitted-at').isVisible()).resolves.toBe(true);
    await shot(kp, '02-clerk-submitted');
    await kp.getByRole('tab', { name: '修订历史' }).click();
    await expect(kp.getByTestId('history').innerText()).resolves.toContain('第 1 版');

    await cp.getByTestId('totals-refresh').click();
    await eventually(
      async () => Number((await cp.getByTestId('total-lectures').innerText()).replace(/\D/g, '')),
      before + 7,
    );
    await shot(cp, '05-coordinator-totals');
    await cp.getByRole('tab', { name: '完成情况' }).click();
    await cp.getByTestId('completeness-to').selectOption(period);
    await eventually(
      () =>
        cp
          .locator(`[data-testid="row-judicial-office"] td[data-period="${period}"]`)
          .getAttribute('data-status'),
      'submitted',
    );
    await shot(cp, '06-coordinator-completeness-after');
    await cp.getByTestId('completeness-to').selectOption('2020-12');
    await eventually(
      () =>
        cp.locator('[data-testid="row-res-tonghe-2"] td[data-period="2020-07"]').getAttribute('data-status'),
      'late',
    );
    await shot(cp, '06b-coordinator-completeness-demo-months');
    // "Remind now" runs the reminder job (for the month just ended) and says what it did.
    await cp.getByTestId('completeness-to').selectOption(previousPeriodOf(period));
    await cp.getByTestId('remind-now').click();
    await eventually(
      async () =>
        (await cp.locator('[data-testid="notice-success"], [data-testid="notice-info"]').count()) > 0,
      true,
    );
    await shot(cp, '06c-coordinator-reminded');

    expect(clerk.errors).toEqual([]);
    expect(coordinator.errors).toEqual([]);
  });

  it('shows a bad value’s error in Chinese beside the field, and the server’s rule violation too, keeping what was typed', async () => {
    const { page, errors } = await openPane();
    await signIn(page, 'chen.jing');
    await page.getByTestId('period').selectOption(currentPeriod());
    const requests = page.getByTestId('value-disclosure-requests');
    await requests.fill('12.5');
    await requests.blur();
    await eventually(
      () => describedBy(page, 'value-disclosure-requests'),
      '请填写 0 到 10000000 之间的整数。',
    );
    await page.getByTestId('submit').click();
    await expect(page.getByTestId('notice-error').innerText()).resolves.toContain('请先更正标出的项目');

    await requests.fill('3');
    await page.getByTestId('value-info-disclosed').fill('20');
    await page.getByTestId('value-disclosure-answered').fill('5');
    await page.getByTestId('value-disclosure-approved').fill('2');
    await page.getByTestId('value-study-sessions').fill('1');
    await page.getByTestId('submit').click();
    await expect(page.getByTestId('notice-error').innerText()).resolves.toContain('数据未通过校验规则');
    // The rule's own sentence sits under the field it names, tied to the input for screen readers.
    await eventually(
      () => describedBy(page, 'value-disclosure-answered'),
      '已答复件数不能多于受理的申请件数。',
    );
    await expect(page.getByTestId('value-disclosure-answered').inputValue()).resolves.toBe('5');
    await expect(page.getByTestId('status-version').innerText()).resolves.toBe('尚未提交');
    await shot(page, '03-clerk-errors');
    // The 422 itself is the browser's only console line here: a refused request is logged by Chromium.
    expect(errors.filter((e) => !e.includes('422'))).toEqual([]);
  });

  it('keeps what the clerk typed when the network drops, and submits it on retry', async () => {
    const { page } = await openPane();
    await signIn(page, 'zhao.min');
    await page.getByTestId('period').selectOption(currentPeriod());
    await page.getByTestId('value-mediations').fill('4');
    await page.getByTestId('value-materials').fill('120');
    await page.route('**/api/submissions/**', (route) =>
      route.request().method() === 'PUT' ? route.abort('internetdisconnected') : route.continue(),
    );
    await page.getByTestId('submit').click();
    const error = page.getByTestId('notice-error');
    await expect(error.innerText()).resolves.toContain('无法连接服务器');
    await expect(page.getByTestId('value-materials').inputValue()).resolves.toBe('120');
    await page.unroute('**/api/submissions/**');
    await error.getByRole('button', { name: '重试' }).click();
    await expect(page.getByTestId('notice-success').innerText()).resolves.toContain('已提交（第 1 版）');
  });

  it('restores an unsent draft after a reload', async () => {
    const { page, errors } = await openPane();
    await signIn(page, 'sun.li');
    await page.getByTestId('period').selectOption(currentPeriod());
    await page.getByTestId('value-mediations').fill('6');
    await page.reload();
    await page.getByTestId('period').selectOption(currentPeriod());
    await expect(page.getByTestId('notice-info').innerText()).resolves.toContain('已恢复尚未提交的草稿');
    await expect(page.getByTestId('value-mediations').inputValue()).resolves.toBe('6');
    await page.getByTestId('notice-info').getByRole('button', { name: '放弃草稿' }).click();
    await expect(page.getByTestId('value-mediations').inputValue()).resolves.toBe('');
    expect(errors).toEqual([]);
  });

  it('builds the report sheet, locates bad cells, submits only changed months and writes statuses back', async () => {
    // Outside Excel the sheet features run on the in-memory workbook (?sheet=memory); the flow and the
    // server are the real ones, only Excel's grid is replaced by arrays the test edits.
    const { page, errors } = await openPane({ path: '/addin/taskpane.html?sheet=memory' });
    await signIn(page, 'zhao.min');
    await page.getByRole('tab', { name: '工作表' }).click();
    await page.getByLabel('起始月份').selectOption('2020-10');
    await page.getByLabel('结束月份').selectOption('2020-11');
    await page.getByRole('button', { name: '创建我的填报表' }).click();
    await page.getByText('已创建工作表“月报 2020-10~2020-11”。').waitFor();

    type Cells = (string | number | null)[][];
    const sheetName = '月报 2020-10~2020-11';
    const cells = () =>
      page.evaluate(
        (name) =>
          (
            window as unknown as { __legalReportingWorkbook: { sheets: Map<string, Cells> } }
          ).__legalReportingWorkbook.sheets.get(name),
        sheetName,
      ) as Promise<Cells>;
    const setCell = (row: number, col: number, value: string | number) =>
      page.evaluate(
        ([name, r, c, v]) => {
          const wb = (window as unknown as { __legalReportingWorkbook: { sheets: Map<string, Cells> } })
            .__legalReportingWorkbook;
          const sheet = wb.sheets.get(name as string) as Cells;
          (sheet[r as number] as (string | number | null)[])[c as number] = v as string | number;
        },
        [sheetName, row, col, value] as const,
      );
    const before = await cells();
    expect(before[1]).toEqual(['#metric', '指标', '单位', '2020-10', '2020-11']);
    const materialsNov = before[3]?.[4] as number;
    expect(typeof materialsNov).toBe('number'); // pre-filled from the demo submission

    await setCell(2, 3, '三');
    await page.getByRole('button', { name: '从工作表提交' }).click();
    await page.getByText('工作表中有 1 处需要更正').waitFor();
    await expect(
      page.getByText('D3（律师参与纠纷调解，2020-10）应为 0 到 10000000 之间的整数').isVisible(),
    ).resolves.toBe(true);
    await expect(
      page.evaluate(
        () =>
          (window as unknown as { __legalReportingWorkbook: { selection: unknown } }).__legalReportingWorkbook
            .selection,
      ),
    ).resolves.toEqual({ sheet: sheetName, address: 'D3' });

    await setCell(2, 3, before[2]?.[3] as number);
    await setCell(3, 4, materialsNov + 5); // a correction after the due date, without its reason
    await page.getByRole('button', { name: '从工作表提交' }).click();
    await page.getByText('已提交 0 个月，1 个月未成功').waitFor();
    await eventually(async () => String((await cells())[5]?.[4]).startsWith('✗'), true);
    await shot(page, '10-clerk-sheet');

    await setCell(4, 4, '按台账更正发放数');
    await page.getByRole('button', { name: '从工作表提交' }).click();
    await page.getByText('已提交 1 个月，状态已写回工作表。').waitFor();
    await eventually(async () => String((await cells())[5]?.[4]).startsWith('✓ 第2版'), true);
    expect((await cells())[5]?.[3]).toBe(''); // 2020-10 did not change: not sent, no status
    expect(errors.filter((e) => !e.includes('422'))).toEqual([]);
  });

  it('lists a month’s revisions with their notes and what each changed', async () => {
    const { page, errors } = await openPane();
    await signIn(page, 'zhang.wei');
    await page.getByTestId('period').selectOption('2020-06');
    await eventually(() => page.getByTestId('status-version').innerText(), '第 2 版');
    await page.getByRole('tab', { name: '修订历史' }).click();
    const history = page.getByTestId('history');
    await history.waitFor();
    const items = await history.locator(':scope > li').allInnerTexts();
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('第 2 版');
    expect(items[0]).toContain('录入时多填了10，已按台账更正。');
    expect(items[0]).toMatch(/接待法律咨询: \d+ → \d+/);
    expect(items[1]).toContain('第 1 版');
    await shot(page, '02b-clerk-history');
    expect(errors).toEqual([]);
  });

  it('shows a locked month read-only with the reason', async () => {
    const coordinatorToken = await apiToken({ sub: 'wang.fang', name: '王芳', role: 'coordinator' });
    const lock = await fetch(`${stack.url}/api/periods/2020-12/lock`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${coordinatorToken}` },
    });
    expect(lock.status).toBe(200);
    const { page, errors } = await openPane();
    await signIn(page, 'zhou.qiang');
    await page.getByTestId('period').selectOption('2020-12');
    await page.getByText('本月已由').waitFor();
    await expect(page.getByText('锁定，不能再提交或修改').first().isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('submit').isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('value-mediations').getAttribute('readonly')).resolves.not.toBeNull();
    await shot(page, '07-clerk-locked');
    // A correction of an unlocked, past-due month asks for its reason.
    await page.getByTestId('period').selectOption('2020-11');
    await page.getByText('更正原因（必填）').waitFor();
    expect(errors).toEqual([]);
  });

  it('can be used with the keyboard alone, and every control has a label', async () => {
    const { page, errors } = await openPane();
    await page.getByTestId('identity-zhou.qiang').waitFor();
    // Tab from the top of the page to the identity, as a keyboard user would.
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      if (await page.getByTestId('identity-zhou.qiang').evaluate((el) => el === document.activeElement))
        break;
    }
    await page.keyboard.press('Enter');
    await page.getByTestId('value-mediations').waitFor();
    await page.getByTestId('period').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.type('2');
    await page.keyboard.press('Tab');
    await page.keyboard.type('30');
    await page.keyboard.press('Enter'); // implicit submission from a field
    await expect(page.getByTestId('notice-success').innerText()).resolves.toContain('已提交');
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea, button')]
        .filter((el) => {
          const e = el as HTMLInputElement;
          const name =
            e.labels?.length ||
            e.getAttribute('aria-label') ||
            e.getAttribute('aria-labelledby') ||
            e.textContent?.trim();
          return !name;
        })
        .map((el) => el.outerHTML.slice(0, 120)),
    );
    expect(unlabelled).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('shows a unit coordinator only their own unit', async () => {
    const { page, errors } = await openPane();
    await signIn(page, 'zhao.lei');
    await page.getByTestId('completeness-to').selectOption('2020-12');
    await page.getByTestId('row-res-tonghe-1').waitFor();
    const rows = await page
      .locator('[data-testid^="row-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(rows).toEqual(['row-res-tonghe-1', 'row-res-tonghe-2', 'row-res-zhangmiao-1']);
    await page.getByRole('tab', { name: '汇总' }).click();
    await page.getByTestId('totals-from').selectOption('2020-01');
    await page.getByTestId('totals-to').selectOption('2020-12');
    await page.getByTestId('total-mediations').waitFor();
    await expect(page.getByTestId('totals-unit').inputValue()).resolves.toBe('residential');
    await expect(page.getByTestId('total-lectures').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });

  it('switches to English, and the coordinator gets the year-end report', async () => {
    const { page, errors } = await openPane();
    await signIn(page, 'wang.fang');
    await page.getByRole('tab', { name: '年终报告' }).click();
    await page.getByTestId('year-from').selectOption('2020-01');
    await page.getByTestId('year-to').selectOption('2020-12');
    await page.getByTestId('year-generate').click();
    await expect(page.getByTestId('year-text').inputValue()).resolves.toMatch(/2020/);
    await shot(page, '08-coordinator-year-end');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('tab', { name: 'Totals' }).waitFor();
    await page.getByRole('tab', { name: 'Totals' }).click();
    await page.getByTestId('totals-from').selectOption('2020-01');
    await page.getByTestId('totals-to').selectOption('2020-12');
    await page.getByText('Rule-of-law lectures (lectures)', { exact: false }).first().waitFor();
    await shot(page, '09-coordinator-totals-en');
    expect(errors).toEqual([]);
  });
});
