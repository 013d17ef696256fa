import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { ImportProblem } from '../../../shared/src/domain/import';
import type { Principal } from '../../../shared/src/domain/principal';
import { previewImport, runImport } from '../../../shared/src/use-cases/import-history';
import { readSpreadsheetFile } from '../adapters/export/spreadsheet-file';
import { connectForCli } from './connect';

const USAGE = `用法 / usage: npm run import -- FILE [--dry-run] [--strict] [--sheet NAME] [--as SUB] [--concurrency N]`;

/** The problems as a table a person can follow in Excel: row, column, problem (zh-CN / en). */
function formatProblems(problems: readonly ImportProblem[], limit = 200): string {
  const lines = problems.slice(0, limit).map((p) => {
    const col = p.column ? `${p.column}${p.header ? `（${p.header}）` : ''}` : '-';
    return `  第 ${p.row} 行 / row ${p.row}\t${col}\t${p.message['zh-CN']} / ${p.message.en}`;
  });
  if (problems.length > limit)
    lines.push(`  … 另有 ${problems.length - limit} 个问题 / ${problems.length - limit} more`);
  return ['  行 / row\t列 / column\t问题 / problem', ...lines].join('\n');
}

function progressBar(done: number, total: number): string {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}% (${done}/${total})`;
}

async function main(): Promise<number> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { values: flags, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      sheet: { type: 'string' },
      as: { type: 'string' },
      concurrency: { type: 'string', default: '8' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const file = positionals[0];
  if (flags.help || !file) {
    console.log(USAGE);
    return flags.help ? 0 : 1;
  }
  const grid = await readSpreadsheetFile(file, flags.sheet);

  const connection = await connectForCli();
  try {
    const { deps } = connection;
    // The command line acts as an organisation-wide coordinator; revisions name who ran it.
    const sub = flags.as ?? `import:${userInfo().username}`;
    const principal: Principal = { sub, name: sub, role: 'coordinator', departmentId: null };
    const preview = await previewImport(principal, grid, deps);
    const s = preview.summary;
    console.log(`预览 / preview: ${basename(file)}`);
    console.log(
      `  ${s.rows} 个部门月份 / department-months: 新增 new ${s.new}, 更正 changed ${s.changed}, 不变 unchanged ${s.unchanged}, 有问题 invalid ${s.invalid}`,
    );
    if (preview.problems.length > 0) {
      console.log(
        `发现 ${preview.problems.length} 个问题（有问题的部门月份不会导入）/ ${preview.problems.length} problems (those department-months are not imported):`,
      );
      console.log(formatProblems(preview.problems));
    }
    if (flags['dry-run']) return preview.problems.length > 0 ? 2 : 0;
    if (flags.strict && preview.problems.length > 0) {
      console.log('--strict：存在问题，未导入任何数据 / nothing imported.');
      return 2;
    }
    const started = Date.now();
    const tty = process.stderr.isTTY;
    let lastLine = '';
    const report = await runImport(principal, preview, deps, {
      concurrency: Math.max(1, Number(flags.concurrency) || 8),
      correctionNote: `批量导入更正 / bulk import correction (${basename(file)})`,
      onProgress: (done, total) => {
        const line = `导入 / importing ${progressBar(done, total)}`;
        if (tty) process.stderr.write(`\r${line}`);
        else if (done === total || done % 500 === 0) {
          if (line !== lastLine) process.stderr.write(`${line}\n`);
        }
        lastLine = line;
      },
    });
    if (tty) process.stderr.write('\n');
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `完成 / done in ${seconds.toFixed(1)} s: 新增 created ${report.created}, 更正 revised ${report.revised}, 不变 unchanged ${report.unchanged}, 未导入 not imported ${report.failed}`,
    );
    const late = report.problems.filter((p) => !preview.problems.includes(p));
    if (late.length > 0) {
      console.log('写入时被拒绝 / refused when written:');
      console.log(formatProblems(late));
    }
    return report.failed > 0 ? 2 : 0;
  } finally {
    await connection.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`导入失败 / import failed: ${err.message}`);
    process.exit(1);
  },
);
