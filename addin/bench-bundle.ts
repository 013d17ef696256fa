/**
 * The task pane's initial JavaScript, gzipped: the entry script plus every chunk it imports statically
 * (lazy chunks — the coordinator's views, MSAL — load later and are not counted). office.js is
 * Microsoft's runtime, loaded before the pane by every add-in, and is reported separately.
 * Called by the lead's `npm run bench`; runs a fresh build into a temporary folder.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleTaskpane } from './build';

export interface AddinBundleSize {
  initialJsGzipBytes: number;
  /** Every output file counted in `initialJsGzipBytes`, relative to the output folder. */
  initialFiles: string[];
  /** All JavaScript the pane may ever load (lazy chunks included), gzipped. */
  totalJsGzipBytes: number;
  officeJsGzipBytes: number;
}

export async function measureAddinBundle(): Promise<AddinBundleSize> {
  const outdir = mkdtempSync(join(tmpdir(), 'addin-bundle-'));
  try {
    // A local (dev sign-in) build: what `npm start` serves.
    const meta = await bundleTaskpane(outdir, {
      ...process.env,
      ADDIN_BASE_URL: '',
      ADDIN_AAD_CLIENT_ID: '',
    });
    const outputs = meta.outputs;
    const entry = Object.keys(outputs).find((file) =>
      outputs[file]?.entryPoint?.endsWith('src/taskpane/index.tsx'),
    );
    if (!entry) throw new Error('taskpane entry not found in the metafile');
    const initial = new Set<string>();
    const visit = (file: string) => {
      if (initial.has(file)) return;
      initial.add(file);
      for (const imp of outputs[file]?.imports ?? []) if (imp.kind === 'import-statement') visit(imp.path);
    };
    visit(entry);
    const gz = (file: string) => gzipSync(readFileSync(resolve(file)), { level: 9 }).length;
    const js = Object.keys(outputs).filter((f) => f.endsWith('.js') && !f.includes('auth-dialog'));
    let initialJsGzipBytes = 0;
    for (const file of initial) initialJsGzipBytes += gz(file);
    let totalJsGzipBytes = 0;
    for (const file of js) totalJsGzipBytes += gz(file);
    const officeJs = join(__dirname, '../node_modules/@microsoft/office-js/dist/office.js');
    return {
      initialJsGzipBytes,
      initialFiles: [...initial].map((f) => relative(outdir, resolve(f))),
      totalJsGzipBytes,
      officeJsGzipBytes: gz(officeJs),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
