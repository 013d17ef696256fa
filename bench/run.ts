/**
 * `npm run bench`: every performance target measured side by side in one run, printed as ratios
 * (this machine is shared and noisy, so absolute times are context, not the verdict).
 * `npm run bench -- --only=put,cold` runs some sections; `--skip=scaling` leaves some out.
 */
import { cpus, totalmem } from 'node:os';
import { measureAddinBundle } from '../addin/bench-bundle';
import { startDynamoDbLocal } from '../lambda/src/local/dynamodb-local';
import { benchAggregateScaling } from './aggregate-scaling';
import { benchColdStart } from './cold-start';
import { benchImportRate } from './import-rate';
import { ms, newTable } from './lib';
import { LOAD_SECTIONS } from './load-sections';
import { benchSubmitOverhead } from './submit-overhead';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const log = (s: string) => process.stdout.write(`${s}\n`);

/** One line of the results table. `ok` is undefined for figures that have no target. */
export interface ResultRow {
  name: string;
  ours: string;
  baseline: string;
  ratio?: number;
  target?: string;
  ok?: boolean;
}

export interface Section {
  id: string;
  title: string;
  run(endpoint: string, log: (s: string) => void): Promise<ResultRow[]>;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

export const SECTIONS: Section[] = [
  {
    id: 'scaling',
    title: 'aggregate over 18 months: 1,000 departments vs 10',
    run: async (endpoint, log) => {
      const agg = await benchAggregateScaling(endpoint, log);
      return [
        {
          name: 'Aggregate 18 months, median (1,000 depts / 10 depts)',
          ours: ms(agg.large),
          baseline: ms(agg.small),
          ratio: agg.ratio,
          target: '<= 1.5',
          ok: agg.ratio <= 1.5,
        },
      ];
    },
  },
  {
    id: 'put',
    title: 'PUT /api/submissions via the local HTTP stack vs bare TransactWriteItems',
    run: async (endpoint) => {
      const put = await benchSubmitOverhead(endpoint);
      return [
        {
          name: `PUT submission p50 (HTTP stack / bare transaction); p99 ${ms(put.apiP99)}`,
          ours: ms(put.apiP50),
          baseline: ms(put.bareP50),
          ratio: put.ratio,
          target: '<= 2',
          ok: put.ratio <= 2,
        },
      ];
    },
  },
  {
    id: 'cold',
    title: 'Lambda cold start per bundle vs a DynamoDB-client-only bundle',
    run: async (endpoint) => {
      const cold = await benchColdStart(endpoint, await newTable(endpoint, 'bench-cold'));
      return cold.results.map((r) => ({
        name: `Cold start \`${r.bundle.name}\` (${kib(r.bundle.bytes)}) / client only (${kib(cold.baselineBytes)})`,
        ours: ms(r.median),
        baseline: ms(cold.baseline),
        ratio: r.ratio,
        target: '<= 1.3',
        ok: r.ratio <= 1.3,
      }));
    },
  },
  {
    id: 'addin',
    title: "task pane's initial JavaScript (gzip)",
    run: async () => {
      const size = await measureAddinBundle();
      const budget = 150 * 1024;
      return [
        {
          name: `Task pane initial JS gzip (${size.initialFiles.length} files; all JS ${kib(size.totalJsGzipBytes)}, office.js ${kib(size.officeJsGzipBytes)})`,
          ours: kib(size.initialJsGzipBytes),
          baseline: kib(budget),
          ratio: size.initialJsGzipBytes / budget,
          target: '<= 1.0',
          ok: size.initialJsGzipBytes <= budget,
        },
      ];
    },
  },
  {
    id: 'import',
    title: 'bulk import: 10 years x 50 departments x 12 metrics in one go',
    run: async (endpoint, log) => {
      const rate = await benchImportRate(endpoint, log);
      return [
        {
          name: 'Import rate, department-months per second (6,000 rows, 72,000 values)',
          ours: `${rate.toFixed(0)} rows/s`,
          baseline: '—',
        },
      ];
    },
  },
  ...LOAD_SECTIONS,
];

function formatRow(r: ResultRow): string {
  const verdict = r.ok === undefined ? '' : r.ok ? 'PASS' : 'MISS';
  return `| ${r.name} | ${r.ours} | ${r.baseline} | ${r.ratio?.toFixed(2) ?? '—'} | ${r.target ?? '—'} | ${verdict} |`;
}

async function main(): Promise<number> {
  const arg = (name: string) =>
    process.argv
      .find((a) => a.startsWith(`--${name}=`))
      ?.split('=')[1]
      ?.split(',');
  const only = arg('only');
  const skip = arg('skip') ?? [];
  const chosen = SECTIONS.filter((s) => (!only || only.includes(s.id)) && !skip.includes(s.id));
  log(
    `machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  const db = await startDynamoDbLocal();
  const rows: ResultRow[] = [];
  try {
    for (const [i, section] of chosen.entries()) {
      log(`\n[${i + 1}/${chosen.length}] ${section.title}`);
      try {
        const got = await section.run(db.endpoint, log);
        for (const r of got) log(`  -> ${formatRow(r)}`);
        rows.push(...got);
      } catch (err) {
        // One broken section must not cost the figures of the others.
        log(`  section failed: ${(err as Error).stack ?? err}`);
        rows.push({
          name: `${section.title} (failed: ${(err as Error).message})`,
          ours: '—',
          baseline: '—',
          ok: false,
        });
      }
    }
  } finally {
    await db.stop();
  }
  log('\n| measurement | ours | baseline | ratio | target | |');
  log('|---|---|---|---|---|---|');
  for (const r of rows) log(formatRow(r));
  const missed = rows.filter((r) => r.ok === false).length;
  log(missed === 0 ? '\nall targets met' : `\n${missed} target(s) missed`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: Error) => {
      console.error(err);
      process.exit(1);
    },
  );
}
