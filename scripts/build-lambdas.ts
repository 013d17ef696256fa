/**
 * Bundles every Lambda handler (lambda/src/handlers/<name>.ts) the way the CDK stack does: esbuild,
 * ESM, minified, with source maps and the AWS SDK included, into <outDir>/<name>/index.mjs, and
 * prints the sizes. `npm run build:lambda`; the benchmark imports `buildLambdaBundles`.
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(__dirname, '..');
export const HANDLERS_DIR = join(ROOT, 'lambda/src/handlers');
export const DEFAULT_OUT_DIR = join(ROOT, 'dist/lambda');

export interface LambdaBundle {
  /** Handler name (file name without `.ts`), the same as the deployed function's. */
  name: string;
  /** Size of index.mjs in bytes (the source map not counted). */
  bytes: number;
  /** Absolute path of index.mjs. */
  file: string;
}

/** Handler names: every `.ts` file directly in lambda/src/handlers (one file = one function). */
export function listHandlers(dir = HANDLERS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .map((f) => basename(f, '.ts'))
    .sort();
}

/** Bundles each handler into `<outDir>/<name>/index.mjs` (+ `.map`); returns the bundle sizes. */
export async function buildLambdaBundles(outDir: string = DEFAULT_OUT_DIR): Promise<LambdaBundle[]> {
  const names = listHandlers();
  const bundles: LambdaBundle[] = [];
  // Sequential: the machine has 2 cores and esbuild already uses them for one bundle.
  for (const name of names) {
    const dir = join(outDir, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'index.mjs');
    await build({
      entryPoints: [join(HANDLERS_DIR, `${name}.ts`)],
      outfile: file,
      bundle: true,
      platform: 'node',
      // The code must run on local Node 20 too; the deployed runtime is newer (nodejs24.x / 22.x).
      target: 'node20',
      format: 'esm',
      minify: true,
      sourcemap: true,
      sourcesContent: false,
      mainFields: ['module', 'main'],
      // Same as infra/lib/constructs/reporting-function.ts: bundled CommonJS needs require() in ESM.
      banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
      tsconfig: join(ROOT, 'lambda/tsconfig.json'),
      logLevel: 'warning',
    });
    bundles.push({ name, bytes: statSync(file).size, file });
  }
  return bundles;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(2)} MiB`
    : `${(bytes / 1024).toFixed(1)} KiB`;
}

if (require.main === module) {
  const outDir = process.argv[2] ?? DEFAULT_OUT_DIR;
  buildLambdaBundles(outDir).then(
    (bundles) => {
      for (const b of bundles) {
        console.log(
          `${b.name.padEnd(14)} ${formatBytes(b.bytes).padStart(10)}  ${relative(process.cwd(), b.file)}`,
        );
      }
      const total = bundles.reduce((sum, b) => sum + b.bytes, 0);
      console.log(`${'total'.padEnd(14)} ${formatBytes(total).padStart(10)}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
