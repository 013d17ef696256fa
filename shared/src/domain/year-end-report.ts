import type { YearEndResponse, YearEndRow } from '../contract/api-types';
import type { Metric } from './catalog';
import type { Lang } from './localized';
import { type Period, periodMonth, periodYear } from './period';

/**
 * The year-end paragraph in the style of the office's own report ("截止目前，累计开展各类法律咨询
 * 11场，法治讲座35场，…同意公开率100%"). Clauses are tied to metric ids; a clause whose metric is
 * not in the catalogue is left out, and metrics no clause knows are listed generically at the end,
 * so a different catalogue still yields a complete paragraph.
 */
interface Clause {
  metricId: string;
  zh: (n: string, unit: string) => string;
  en: (n: string, unit: string) => string;
}

const SENTENCES: Clause[][] = [
  [
    {
      metricId: 'consult-events',
      zh: (n, u) => `累计开展各类法律咨询${n}${u}`,
      en: (n) => `${n} legal consultation events were held`,
    },
    { metricId: 'lectures', zh: (n, u) => `法治讲座${n}${u}`, en: (n) => `${n} rule-of-law lectures given` },
    {
      metricId: 'materials',
      zh: (n, u) => `发放法治宣传资料${n}${u}`,
      en: (n) => `${n} copies of publicity material distributed`,
    },
    {
      metricId: 'mediations',
      zh: (n, u) => `律师共参与居民区纠纷调解${n}${u}`,
      en: (n) => `lawyers took part in ${n} neighbourhood mediations`,
    },
    {
      metricId: 'consultations',
      zh: (n, u) => `接待法律咨询${n}${u}`,
      en: (n) => `${n} legal consultations received`,
    },
  ],
  [
    {
      metricId: 'info-disclosed',
      zh: (n, u) => `累计主动公开各类公文政府信息${n}${u}`,
      en: (n) => `${n} items of government information were disclosed proactively`,
    },
  ],
  [
    {
      metricId: 'disclosure-requests',
      zh: (n, u) => `受理政府信息公开申请${n}${u}`,
      en: (n) => `${n} disclosure requests were received`,
    },
    { metricId: 'disclosure-answered', zh: (n, u) => `已答复${n}${u}`, en: (n) => `${n} answered` },
    {
      metricId: 'disclosure-approved',
      zh: (n, u) => `其中同意公开${n}${u}`,
      en: (n) => `${n} approved for disclosure`,
    },
  ],
  [
    {
      metricId: 'study-sessions',
      zh: (n, u) => `共组织开展学习实践活动${n}${u}`,
      en: (n) => `${n} study sessions were organised`,
    },
  ],
  [
    {
      metricId: 'lawsuits',
      zh: (n, u) => `接到应诉行政诉讼案件${n}${u}`,
      en: (n) => `${n} administrative lawsuits were received`,
    },
  ],
];

/** Rates derived from the totals, never stored: numerator / denominator, shown after their sentence. */
const RATES = [
  {
    rateId: 'disclosure-approval-rate',
    numerator: 'disclosure-approved',
    denominator: 'disclosure-requests',
    afterSentence: 2,
    name: { 'zh-CN': '同意公开率', en: 'approval rate' },
  },
] as const;

export function computeRates(totals: Readonly<Record<string, number>>, lang: Lang): YearEndResponse['rates'] {
  return RATES.filter((r) => r.numerator in totals && r.denominator in totals).map((r) => {
    const d = totals[r.denominator] ?? 0;
    return { rateId: r.rateId, name: r.name[lang], value: d === 0 ? null : (totals[r.numerator] ?? 0) / d };
  });
}

export function formatPercent(value: number): string {
  const rounded = Math.round(value * 1000) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)}%`;
}

/** "2019年7月至2020年12月" / "2019年7月至今" (when the range reaches the current month). */
export function describeRange(from: Period, to: Period, current: Period, lang: Lang): string {
  const reachesNow = to >= current;
  if (lang === 'zh-CN') {
    const start = `${periodYear(from)}年${periodMonth(from)}月`;
    return reachesNow ? `${start}至今` : `${start}至${periodYear(to)}年${periodMonth(to)}月`;
  }
  const fmt = (p: Period) =>
    new Date(Date.UTC(periodYear(p), periodMonth(p) - 1, 1)).toLocaleString('en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
  return reachesNow ? `Since ${fmt(from)}` : `From ${fmt(from)} to ${fmt(to)}`;
}

export function buildRows(
  metrics: readonly Metric[],
  totals: Readonly<Record<string, number>>,
  lang: Lang,
): YearEndRow[] {
  return metrics.map((m) => ({
    metricId: m.metricId,
    name: m.name[lang],
    unit: m.unit[lang],
    total: totals[m.metricId] ?? 0,
  }));
}

export function writeParagraph(
  metrics: readonly Metric[],
  totals: Readonly<Record<string, number>>,
  range: { from: Period; to: Period; current: Period },
  lang: Lang,
): string {
  const byId = new Map(metrics.map((m) => [m.metricId, m]));
  const covered = new Set<string>();
  const rates = computeRates(totals, lang);
  const sentences: string[] = [];
  SENTENCES.forEach((clauses, index) => {
    const parts: string[] = [];
    for (const clause of clauses) {
      const metric = byId.get(clause.metricId);
      if (!metric) continue;
      covered.add(clause.metricId);
      const n = String(totals[clause.metricId] ?? 0);
      parts.push(lang === 'zh-CN' ? clause.zh(n, metric.unit['zh-CN']) : clause.en(n, metric.unit.en));
    }
    for (const rate of RATES) {
      const computed = rates.find((r) => r.rateId === rate.rateId);
      if (rate.afterSentence === index && computed && computed.value !== null) {
        parts.push(
          lang === 'zh-CN'
            ? `${computed.name}${formatPercent(computed.value)}`
            : `an ${computed.name} of ${formatPercent(computed.value)}`,
        );
      }
    }
    if (parts.length > 0) sentences.push(joinClauses(parts, lang));
  });
  const others = metrics.filter((m) => !covered.has(m.metricId));
  if (others.length > 0) {
    const parts = others.map((m) =>
      lang === 'zh-CN'
        ? `${m.name['zh-CN']}${totals[m.metricId] ?? 0}${m.unit['zh-CN']}`
        : `${m.name.en}: ${totals[m.metricId] ?? 0} ${m.unit.en}`,
    );
    sentences.push(lang === 'zh-CN' ? `另有${parts.join('，')}` : `Also recorded: ${parts.join('; ')}`);
  }
  const opening = describeRange(range.from, range.to, range.current, lang);
  if (sentences.length === 0) {
    return lang === 'zh-CN' ? `${opening}，暂无填报数据。` : `${opening}, nothing has been reported.`;
  }
  return lang === 'zh-CN' ? `${opening}，${sentences.join('；')}。` : `${opening}, ${sentences.join('; ')}.`;
}

function joinClauses(parts: string[], lang: Lang): string {
  if (lang === 'zh-CN') return parts.join('，');
  if (parts.length === 1) return parts[0] as string;
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
