/**
 * Builds the task pane into addin/dist/ (served by the local stack at /addin/, deployable as static
 * files): bundled JS (esbuild, ESM with code splitting so the coordinator's and the sign-in library's
 * code load only when needed), HTML, CSS, icons, a local copy of office.js (the pane works with no
 * internet) and the manifests (local always; deployed when ADDIN_BASE_URL is set).
 * Runs before every `npm start` and `npm test`, so it stays incremental: office.js is copied once.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import { build, type Metafile } from 'esbuild';
import { drawIconPng, ICON_SIZES } from './icons';
import { resolveAddinConfig } from './src/auth/auth-config';

// CommonJS under tsx and jest alike (the package has no "type": "module").
const addinDir = __dirname;
const rootDir = join(addinDir, '..');
export const DIST_DIR = join(addinDir, 'dist');
export const LOCAL_ORIGIN = 'https://localhost:3000';
/** The deployed add-in's own id, so a developer can have the local and the deployed one installed side by side. */
export const DEPLOYED_ADDIN_ID = '0b5d7e9a-4c1f-4e8b-a2d6-93f1c7e5b240';

/** Bundles the pane's scripts into `outdir`; returns esbuild's metafile (used by bench-bundle.ts). */
export async function bundleTaskpane(
  outdir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Metafile> {
  const config = resolveAddinConfig(env);
  const result = await build({
    entryPoints: {
      taskpane: join(addinDir, 'src/taskpane/index.tsx'),
      'auth-dialog': join(addinDir, 'src/auth/auth-dialog.ts'),
      // The LEGAL.* custom functions: their own entry (not in the pane's first paint), sharing the
      // engine chunk with the pane's "refresh figures" (one module instance in the shared runtime).
      functions: join(addinDir, 'src/functions/index.ts'),
    },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    // Office's webviews: Edge WebView2 (Windows), WKWebView (Mac), the browser (web). IE11 cannot run React 19.
    target: 'es2020',
    minify: true,
    sourcemap: true,
    metafile: true,
    legalComments: 'linked',
    chunkNames: 'chunks/[name]-[hash]',
    jsx: 'automatic',
    define: {
      __ADDIN_CONFIG__: JSON.stringify(config),
      'process.env.NODE_ENV': '"production"',
    },
    logLevel: 'warning',
  });
  return result.metafile;
}

/** Copies the office.js runtime Excel needs (not the other hosts' files nor debug builds), once per version. */
function copyOfficeJs(outdir: string): void {
  const source = join(rootDir, 'node_modules/@microsoft/office-js/dist');
  const version = JSON.parse(
    readFileSync(join(rootDir, 'node_modules/@microsoft/office-js/package.json'), 'utf8'),
  ).version as string;
  const target = join(outdir, 'office');
  const stamp = join(target, '.version');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === version) return;
  rmSync(target, { recursive: true, force: true });
  const otherHosts = /^(access|onenote|outlook|powerpoint|project|word)|outlook_strings/;
  cpSync(source, target, {
    recursive: true,
    filter: (path) => {
      const name = relative(source, path).split(/[\\/]/).pop() ?? '';
      return (
        !name.includes('.debug.') &&
        !name.endsWith('.d.ts') &&
        !name.includes('vsdoc') &&
        !otherHosts.test(name)
      );
    },
  });
  writeFileSync(stamp, version);
}

/**
 * office.js (the add-in's own copy, so it works offline) is loaded only when Office hosts the page. In
 * a plain browser it would fetch host scripts and telemetry from the internet and log errors; without
 * it the pane runs as a web form. The test mirrors office.js's own host detection (_retrieveHostInfo:
 * window.external.GetHostInfo, the _host_Info query parameter, window.name's hostInfo, sessionStorage
 * "hostInfoValue") plus the web host's frame and the desktop webviews' bridges.
 * ?office=1 / ?office=0 force either way.
 */
const OFFICE_LOADER = `<script>
    (function () {
      var hosted = /[?&#]_host_Info=/i.test(location.search + location.hash) || window.top !== window.self ||
        typeof agaveHost !== 'undefined' || !!(window.external && 'GetHostInfo' in window.external) ||
        !!(window.chrome && window.chrome.webview) || !!(window.webkit && window.webkit.messageHandlers) ||
        /[?&]office=1/.test(location.search);
      try { hosted = hosted || !!JSON.parse(window.name).hostInfo; } catch (e) {}
      try { hosted = hosted || !!sessionStorage.getItem('hostInfoValue'); } catch (e) {}
      if (hosted && !/[?&]office=0/.test(location.search)) document.write('<script src="office/office.js"><\\/script>');
    })();
  </script>`;

function htmlPage(
  title: string,
  script: string,
  office: 'when-hosted' | 'always',
  extraScripts: string[] = [],
): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="X-UA-Compatible" content="IE=edge">
  <title>${title}</title>
  <link rel="icon" type="image/png" href="assets/icon-32.png">
  <link rel="stylesheet" href="taskpane.css">
  ${office === 'always' ? '<script src="office/office.js"></script>' : OFFICE_LOADER}
  <script type="module" src="${script}"></script>${extraScripts.map((src) => `\n  <script type="module" src="${src}"></script>`).join('')}
</head>
<body>
  <div id="root"><p class="boot">正在加载… Loading…</p></div>
  <noscript>此页面需要启用 JavaScript。 This page needs JavaScript.</noscript>
</body>
</html>
`;
}

/** The manifest with every local URL pointed at `baseUrl` (and its own id, so both can be installed side by side). */
export function manifestFor(template: string, baseUrl: string, id?: string): string {
  let xml = template.split(LOCAL_ORIGIN).join(baseUrl.replace(/\/+$/, ''));
  if (id) xml = xml.replace(/<Id>[^<]*<\/Id>/, `<Id>${id}</Id>`);
  return xml;
}

/** Excel's metadata for the LEGAL.* functions, generated from their JSDoc (custom-functions-metadata). */
export async function functionsMetadata(): Promise<string> {
  const result = await generateCustomFunctionsMetadata(join(addinDir, 'src/functions/functions.ts'));
  if (result.errors.length > 0) throw new Error(`custom functions metadata:\n${result.errors.join('\n')}`);
  return result.metadataJson;
}

export async function buildAddin(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  mkdirSync(join(DIST_DIR, 'assets'), { recursive: true });
  await bundleTaskpane(DIST_DIR, env);
  writeFileSync(
    join(DIST_DIR, 'taskpane.html'),
    // The shared runtime's page: the pane and the custom functions (functions.js registers them
    // only where Excel provides CustomFunctions).
    htmlPage('法治建设月报 · Rule-of-law report', 'taskpane.js', 'when-hosted', ['functions.js']),
  );
  writeFileSync(join(DIST_DIR, 'functions.json'), await functionsMetadata());
  writeFileSync(join(DIST_DIR, 'auth-dialog.html'), htmlPage('登录 · Sign in', 'auth-dialog.js', 'always'));
  copyFileSync(join(addinDir, 'static/taskpane.css'), join(DIST_DIR, 'taskpane.css'));
  copyFileSync(join(addinDir, 'static/support.html'), join(DIST_DIR, 'support.html'));
  for (const size of ICON_SIZES) {
    const file = join(DIST_DIR, `assets/icon-${size}.png`);
    if (!existsSync(file)) writeFileSync(file, drawIconPng(size));
  }
  copyOfficeJs(DIST_DIR);

  const template = readFileSync(join(addinDir, 'manifest.xml'), 'utf8');
  writeFileSync(join(DIST_DIR, 'manifest.xml'), manifestFor(template, LOCAL_ORIGIN));
  const deployed = join(DIST_DIR, 'manifest.deployed.xml');
  if (env.ADDIN_BASE_URL) {
    const url = new URL(env.ADDIN_BASE_URL);
    if (url.protocol !== 'https:')
      throw new Error(`ADDIN_BASE_URL must be https:// (Office loads add-ins over TLS only): ${url}`);
    writeFileSync(deployed, manifestFor(template, url.origin, env.ADDIN_ID));
  } else {
    rmSync(deployed, { force: true });
  }
}

if (require.main === module) {
  buildAddin().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
