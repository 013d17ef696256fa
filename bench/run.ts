/**
 * `npm run bench`: every performance target measured side by side in one run, printed as ratios
 * (this machine is shared and noisy, so absolute times are context, not the verdict).
 */
import { cpus, totalmem } from 'node:os';
import { startDynamoDbLocal } from '../lambda/src/local/dynamodb-local';
import { benchAggregateScaling } from './aggregate-scaling';
import { benchColdStart } from './cold-start';
import { ms, newTable } from './lib';
import { benchSubmitOverhead } from './submit-overhead';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const log = (s: string) => process.stdout.write(`${s}\n`);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

async function main(): Promise<number> {
  log(
    `machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  const db = await startDynamoDbLocal();
  const rows: string[] = [];
  let failed = 0;
  const row = (name: string, a: string, b: string, ratio: number, target: string, ok: boolean) => {
    if (!ok) failed++;
    rows.push(`| ${name} | ${a} | ${b} | ${ratio.toFixed(2)} | ${target} | ${verdict(ok)} |`);
  };
  try {
    if (process.argv.includes('--skip-scaling')) {
      log('\n[1/3] skipped');
    } else {
      log('\n[1/3] aggregate over 18 months: 1,000 departments vs 10');
      const agg = await benchAggregateScaling(db.endpoint, log);
      row(
        'Aggregate 18 months, median (1,000 depts / 10 depts)',
        ms(agg.large),
        ms(agg.small),
        agg.ratio,
        '<= 1.5',
        agg.ratio <= 1.5,
      );
    }

    log('[2/3] PUT /api/submissions via the local HTTP stack vs bare TransactWriteItems');
    const put = await benchSubmitOverhead(db.endpoint);
    row(
      'PUT submission p50 (HTTP stack / bare transaction)',
      ms(put.apiP50),
      ms(put.bareP50),
      put.ratio,
      '<= 2',
      put.ratio <= 2,
    );

    if (!process.argv.includes('--skip-cold')) {
      log('[3/3] Lambda cold start per bundle vs a DynamoDB-client-only bundle');
      const cold = await benchColdStart(db.endpoint, await newTable(db.endpoint, 'bench-cold'));
      for (const r of cold.results) {
        row(
          `Cold start \`${r.bundle.name}\` (${(r.bundle.bytes / 1024).toFixed(0)} KiB) / client only (${(cold.baselineBytes / 1024).toFixed(0)} KiB)`,
          ms(r.median),
          ms(cold.baseline),
          r.ratio,
          '<= 1.3',
          r.ratio <= 1.3,
        );
      }
    }
  } finally {
    await db.stop();
  }
  log('\n| measurement | ours | baseline | ratio | target | |');
  log('|---|---|---|---|---|---|');
  for (const r of rows) log(r);
  log(failed === 0 ? '\nall targets met' : `\n${failed} target(s) missed`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err);
    process.exit(1);
  },
);
