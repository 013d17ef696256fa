/**
 * `npm run sideload`: installs the LOCAL manifest (addin/dist/manifest.xml, https://localhost:3000) into
 * desktop Excel for development, the way office-addin-dev-settings does, without another dependency:
 *   Windows: the per-user WEF\Developer registry key Excel reads at start;
 *   macOS:   Excel's sideload folder (~/Library/Containers/com.microsoft.Excel/Data/Documents/wef);
 *   Excel on the web (any OS): prints the upload steps (the web has no sideload folder).
 * `npm run sideload -- --remove` takes it out again. Prerequisites, in the README: the Office dev
 * certificate (`npx office-addin-dev-certs install`) and `HTTPS=1 npm start`.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { join, resolve } from 'node:path';
import { buildAddin, DIST_DIR } from '../addin/build';

const say = (zh: string, en: string) => process.stdout.write(`${zh}\n${en}\n`);

async function main(): Promise<void> {
  const remove = process.argv.includes('--remove');
  const manifest = resolve(DIST_DIR, 'manifest.xml');
  if (!existsSync(manifest)) await buildAddin({ ...process.env, ADDIN_BASE_URL: '' });
  const id = /<Id>([^<]+)<\/Id>/.exec(readFileSync(manifest, 'utf8'))?.[1];
  if (!id) throw new Error(`no <Id> in ${manifest}`);

  const os = process.argv.includes('--web') ? 'web' : platform();
  if (os === 'win32') {
    const key = 'HKCU\\Software\\Microsoft\\Office\\16.0\\WEF\\Developer';
    if (remove) execFileSync('reg', ['delete', key, '/v', id, '/f'], { stdio: 'inherit' });
    else
      execFileSync('reg', ['add', key, '/v', id, '/t', 'REG_SZ', '/d', manifest, '/f'], { stdio: 'inherit' });
    say(
      remove ? '已从 Excel 移除加载项。' : '已注册加载项：重新打开 Excel，在“开始”选项卡点击“月报填报”。',
      remove
        ? 'Removed from Excel.'
        : 'Registered: restart Excel, then click "Monthly report" on the Home tab.',
    );
    return;
  }
  if (os === 'darwin') {
    const folder = join(homedir(), 'Library/Containers/com.microsoft.Excel/Data/Documents/wef');
    const target = join(folder, `${id}.manifest.xml`);
    if (remove) rmSync(target, { force: true });
    else {
      mkdirSync(folder, { recursive: true });
      copyFileSync(manifest, target);
    }
    say(
      remove ? '已从 Excel 移除加载项。' : '已复制清单：重新打开 Excel，在“开始”选项卡点击“月报填报”。',
      remove
        ? 'Removed from Excel.'
        : 'Manifest copied: restart Excel, then click "Monthly report" on the Home tab.',
    );
    return;
  }
  say(
    `Excel 网页版：打开一个工作簿 → 开始 → 加载项 → 更多加载项 → 我的加载项 → 上传我的加载项，选择：\n  ${manifest}\n（本机需已运行 HTTPS=1 npm start，且浏览器信任 Office 开发证书。）`,
    `Excel on the web: open a workbook → Home → Add-ins → More add-ins → My add-ins → Upload my add-in, and pick:\n  ${manifest}\n(HTTPS=1 npm start must be running here and the browser must trust the Office dev certificate.)`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
