import { reconcileCounters } from '../../../shared/src/use-cases/reconcile-counters';
import { connectForCli } from './connect';

async function main(): Promise<number> {
  // The pinned SDK runs on Node 20; its notice about future releases needing Node 22 is not for users.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const repair = process.argv.includes('--repair');
  const connection = await connectForCli();
  try {
    const { deps } = connection;
    const report = await reconcileCounters(deps, { repair });
    console.log(
      `检查了 ${report.units} 个单位、${report.rows} 条月度计数 / checked ${report.units} units, ${report.rows} monthly counters`,
    );
    if (report.drift.length === 0) {
      console.log('无偏差 / no drift: every counter equals the sum of the current revisions.');
      return 0;
    }
    console.log(`发现 ${report.drift.length} 处偏差 / ${report.drift.length} drifted values:`);
    console.table(report.drift);
    if (repair) {
      console.log(`已修复 ${report.repaired} 条计数 / repaired ${report.repaired} counters.`);
      return 0;
    }
    console.log('运行 npm run reconcile -- --repair 修复 / run `npm run reconcile -- --repair` to fix.');
    return 2;
  } finally {
    await connection.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`reconcile failed: ${err.message}`);
    process.exit(1);
  },
);
