/**
 * The bench sections of issue 6 (organisation size up to 10,000, sustained throughput, month-end
 * contention), appended to bench/run.ts's SECTIONS: `npm run bench -- --only=size,throughput,contention`.
 */
import { benchAggregateLargeOrg } from './aggregate-large-org';
import { benchContention } from './contention';
import { ms } from './lib';
import type { Section } from './run';
import { benchThroughput } from './throughput';

export const LOAD_SECTIONS: Section[] = [
  {
    id: 'size',
    title: 'aggregate over 18 months: 10 vs 1,000 vs 10,000 departments',
    run: async (endpoint, log) => {
      const big = await benchAggregateLargeOrg(endpoint, log);
      return [
        {
          name: 'Aggregate 18 months, median (1,000 depts, counters seeded / 10 depts)',
          ours: ms(big.mid),
          baseline: ms(big.small),
          ratio: big.ratioMid,
          target: '<= 1.5',
          ok: big.ratioMid <= 1.5,
        },
        {
          name: 'Aggregate 18 months, median (10,000 depts, counters seeded / 10 depts)',
          ours: ms(big.large),
          baseline: ms(big.small),
          ratio: big.ratioLarge,
          target: '<= 1.5',
          ok: big.ratioLarge <= 1.5,
        },
      ];
    },
  },
  {
    id: 'throughput',
    title: 'sustained submissions/s: local HTTP stack vs bare TransactWriteItems, same concurrency',
    run: async (endpoint) => {
      const t = await benchThroughput(endpoint);
      return [
        {
          name: `Sustained submissions/s, ${t.concurrency} in flight (HTTP stack / bare transaction)`,
          ours: `${t.stackRate.toFixed(1)}/s`,
          baseline: `${t.bareRate.toFixed(1)}/s`,
          ratio: t.ratio,
          target: '>= 0.5',
          ok: t.ratio >= 0.5,
        },
      ];
    },
  },
  {
    id: 'contention',
    title: 'month-end burst: 2,000 departments, one month, one city counter',
    run: async (endpoint, log) =>
      (await benchContention(endpoint, log)).map((c) => ({
        name:
          `Month-end ${c.shape}: 2,000 submissions, ${c.attempts} transactions, ${c.conflicts} conflicts, ` +
          `${c.busy} × 503, p99 ${ms(c.p99)}; hot counter ${c.hotItemWritesPerSecond.toFixed(1)} writes/s`,
        ours: `${c.perSecond.toFixed(1)}/s`,
        baseline: '—',
      })),
  },
];
