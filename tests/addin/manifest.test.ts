/**
 * The add-in's manifest, checked offline the way Office would reject it: schema-valid against the
 * task-pane XSDs (xmllint), every resid defined with the right resource type, every URL under the
 * environment's /addin/ and pointing at a file the build produced, and `office-addin-manifest info` reads it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAddin, DIST_DIR, LOCAL_ORIGIN, manifestFor } from '../../addin/build';

const root = join(__dirname, '../..');
const xsd = join(root, '../shared/schemas/office-addin-manifest/xmllint-ready/OfficeAppManifestV1_1.xsd');
const template = readFileSync(join(root, 'addin/manifest.xml'), 'utf8');
const DEPLOYED = 'https://reports.zhangmiao.example.gov.cn';

let dir: string;
const manifests: Record<string, { file: string; xml: string; base: string }> = {};

beforeAll(async () => {
  if (!existsSync(join(DIST_DIR, 'taskpane.html'))) await buildAddin({ ...process.env, ADDIN_BASE_URL: '' });
  dir = mkdtempSync(join(tmpdir(), 'manifest-'));
  for (const [name, base] of [
    ['local', LOCAL_ORIGIN],
    ['deployed', DEPLOYED],
  ] as const) {
    const xml = manifestFor(
      template,
      base,
      name === 'deployed' ? '0b5d7e9a-4c1f-4e8b-a2d6-93f1c7e5b240' : undefined,
    );
    const file = join(dir, `manifest.${name}.xml`);
    writeFileSync(file, xml);
    manifests[name] = { file, xml, base };
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Which resource list each referencing element must point into. */
const RESOURCE_KIND: Record<string, string> = {
  'bt:Image': 'bt:Images',
  SourceLocation: 'bt:Urls',
  LearnMoreUrl: 'bt:Urls',
  FunctionFile: 'bt:Urls',
  Runtime: 'bt:Urls',
  Namespace: 'bt:ShortStrings',
  Label: 'bt:ShortStrings',
  Title: 'bt:ShortStrings',
  Description: 'bt:LongStrings',
};

function definedResources(xml: string): Map<string, string> {
  const defined = new Map<string, string>();
  for (const kind of ['bt:Images', 'bt:Urls', 'bt:ShortStrings', 'bt:LongStrings']) {
    const block = new RegExp(`<${kind}>([\\s\\S]*?)</${kind}>`).exec(xml)?.[1] ?? '';
    for (const m of block.matchAll(/\bid="([^"]+)"/g)) defined.set(m[1] as string, kind);
  }
  return defined;
}

describe.each(['local', 'deployed'])('%s manifest', (name) => {
  const get = () => manifests[name] as { file: string; xml: string; base: string };

  it('is valid against the Office add-in manifest schemas (xmllint)', () => {
    const version = spawnSync('xmllint', ['--version']);
    if (version.error) {
      throw new Error(
        'xmllint is missing: apt-get install -y libxml2-utils (npm test installs it through scripts/ensure-setup.mjs)',
      );
    }
    expect(existsSync(xsd)).toBe(true);
    const r = spawnSync('xmllint', ['--noout', '--schema', xsd, get().file], { encoding: 'utf8' });
    expect(r.stderr).toContain('validates');
    expect(r.status).toBe(0);
  });

  it('defines every resid it uses, with the right kind of resource, and leaves none unused', () => {
    const { xml } = get();
    const defined = definedResources(xml);
    const used = new Set<string>();
    for (const m of xml.matchAll(/<([\w:]+)\b[^>]*\bresid="([^"]+)"/g)) {
      const [, element, resid] = m as unknown as [string, string, string];
      used.add(resid);
      expect({ resid, kind: defined.get(resid) }).toEqual({ resid, kind: RESOURCE_KIND[element] });
    }
    expect([...defined.keys()].filter((id) => !used.has(id))).toEqual([]);
  });

  it('speaks Chinese by default with an English override for every string', () => {
    const { xml } = get();
    expect(xml).toContain('<DefaultLocale>zh-CN</DefaultLocale>');
    const strings = [
      ...xml.matchAll(/<bt:String id="[^"]+" DefaultValue="[^"]+">\s*<bt:Override Locale="en-US"/g),
    ];
    const all = [...xml.matchAll(/<bt:String id=/g)];
    expect(strings.length).toBe(all.length);
    expect(xml).toMatch(/<DisplayName DefaultValue="法治建设月报">\s*<Override Locale="en-US"/);
  });

  it('points every URL at the environment’s /addin/ files, all of which the build produced', () => {
    const { xml, base } = get();
    const urls = [...xml.matchAll(/(?:DefaultValue|Value)="(https:\/\/[^"]+)"/g)].map((m) => m[1] as string);
    expect(urls.length).toBeGreaterThanOrEqual(8);
    for (const url of urls) {
      expect(url.startsWith(`${base}/addin/`)).toBe(true);
      const file = join(DIST_DIR, url.slice(`${base}/addin/`.length));
      expect({ url, exists: existsSync(file) }).toEqual({ url, exists: true });
    }
    if (name === 'deployed') expect(xml).not.toContain('localhost');
  });

  it('is read by office-addin-manifest info', () => {
    const cli = join(root, 'node_modules/.bin/office-addin-manifest');
    const r = spawnSync(cli, ['info', get().file], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Name: 法治建设月报');
    expect(r.stdout).toContain(`Source Location: ${get().base}/addin/taskpane.html`);
    expect(r.stdout).toContain('Hosts: Workbook');
  });
});
