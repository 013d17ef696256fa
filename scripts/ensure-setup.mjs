#!/usr/bin/env node
// Runs before `npm start`, `npm test` and `npm run bench`: installs what a fresh clone lacks, so that
// the README's two commands are all a new user needs. Idempotent and quick when nothing is missing.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const say = (msg) => process.stderr.write(`[setup] ${msg}\n`);

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  say(
    `需要 Node.js 20.19 或更高版本（当前 ${process.version}）。 Node.js 20.19+ is required (found ${process.version}).`,
  );
  process.exit(1);
}

const lock = join(root, 'package-lock.json');
const marker = join(root, 'node_modules', '.package-lock.json');
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs;
if (stale) {
  say('installing npm packages (npm ci)…');
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}

const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
if (java.error || java.status !== 0) {
  say('未找到 Java：本地数据库（Amazon DynamoDB Local）需要 Java 17 或更高版本。');
  say(
    'Java not found: the local database (Amazon DynamoDB Local) needs Java 17+. On Debian: apt-get install -y openjdk-17-jre-headless',
  );
  process.exit(1);
}
const version = /version "(\d+)/.exec(`${java.stderr}${java.stdout}`);
if (version && Number(version[1]) < 17) {
  say(`Java ${version[1]} 过旧，需要 17+。 Java ${version[1]} is too old; DynamoDB Local needs 17+.`);
  process.exit(1);
}

const wantsBrowser = process.argv.includes('--browser');
// Chinese text in the task pane's screenshots needs a CJK font; headless Chromium has none by default.
const cjkFont = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
if (wantsBrowser && (!existsSync('/usr/bin/chromium') || !existsSync(cjkFont))) {
  say('installing Debian chromium and a CJK font for the browser tests (apt-get)…');
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  execSync(
    `${sudo}apt-get update -qq && ${sudo}DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk`,
    { stdio: 'inherit' },
  );
}
const wantsXmllint = process.argv.includes('--xmllint');
if (wantsXmllint && spawnSync('xmllint', ['--version']).error) {
  say('installing xmllint (libxml2-utils) to validate the add-in manifest…');
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  execSync(
    `${sudo}apt-get update -qq && ${sudo}DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils`,
    {
      stdio: 'inherit',
    },
  );
}
