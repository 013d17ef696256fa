import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLambdaBundles, listHandlers } from '../../scripts/build-lambdas';

jest.setTimeout(180_000);

describe('buildLambdaBundles', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'lambda-bundles-'));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes one ESM bundle per handler, with its source map, that loads on Node 20 and exports handler', async () => {
    const bundles = await buildLambdaBundles(out);
    expect(bundles.map((b) => b.name)).toEqual(listHandlers());
    for (const b of bundles) {
      expect(b.file).toBe(join(out, b.name, 'index.mjs'));
      expect(b.bytes).toBeGreaterThan(0);
      expect(existsSync(`${b.file}.map`)).toBe(true);
    }
    // A fresh Node process: jest's module system cannot import ESM, and this is how Lambda loads it.
    const script = `Promise.all(process.argv.slice(1).map((f) => import(f))).then((ms) => console.log(ms.map((m) => typeof m.handler).join(',')))`;
    const kinds = execFileSync(process.execPath, ['-e', script, ...bundles.map((b) => b.file)], {
      encoding: 'utf8',
      env: { ...process.env, AWS_REGION: 'cn-north-1', TABLE_NAME: 'test' },
    }).trim();
    expect(kinds.split(',')).toEqual(bundles.map(() => 'function'));
  });
});
