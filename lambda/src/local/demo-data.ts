/**
 * Demo data: the departments, metrics and rules of the office's 2020 rule-of-law report
 * (../shared/reference/), with monthly submissions for 2019-07..2020-12 whose totals are exactly the
 * report's figures. Loaded through the same use-cases as real submissions, each "as of" a day in the
 * following month, so revisions, late flags and counters are all genuine.
 */
import type { PutDepartmentBody } from '../../../shared/src/contract/api-types';
import type { Metric, Rule } from '../../../shared/src/domain/catalog';
import { nthWorkingDayFrom } from '../../../shared/src/domain/due-date';
import { firstDayAfter, listPeriods } from '../../../shared/src/domain/period';
import type { Principal } from '../../../shared/src/domain/principal';
import type { Deps } from '../../../shared/src/use-cases/deps';
import { calendarForPeriod } from '../../../shared/src/use-cases/manage-calendar';
import { putDepartment, putMetric, putRule } from '../../../shared/src/use-cases/manage-catalog';
import { submitMonthlyCounts } from '../../../shared/src/use-cases/submit-monthly-counts';

export const DEMO_FROM = '2019-07';
export const DEMO_TO = '2020-12';

/** The figures of the reference report, "2019年7月至今". */
export const REFERENCE_TOTALS: Record<string, number> = {
  consultations: 1136,
  'consult-events': 11,
  lectures: 35,
  materials: 2459,
  mediations: 51,
  'info-disclosed': 32,
  'disclosure-requests': 5,
  'disclosure-answered': 5,
  'disclosure-approved': 5,
  'study-sessions': 7,
  lawsuits: 6,
};

const m = (metricId: string, zh: string, en: string, unitZh: string, unitEn: string): Metric => ({
  metricId,
  name: { 'zh-CN': zh, en },
  unit: { 'zh-CN': unitZh, en: unitEn },
});

export const DEMO_METRICS: Metric[] = [
  m('consultations', '接待法律咨询', 'Legal consultations received', '件', 'cases'),
  m('consult-events', '法律咨询活动', 'Legal consultation events', '场', 'events'),
  m('lectures', '法治讲座', 'Rule-of-law lectures', '场', 'lectures'),
  m('materials', '发放法治宣传资料', 'Publicity materials distributed', '份', 'copies'),
  m('mediations', '律师参与纠纷调解', 'Mediations with lawyers', '件', 'cases'),
  m('info-disclosed', '主动公开政府信息', 'Government information disclosed', '条', 'items'),
  m('disclosure-requests', '受理信息公开申请', 'Disclosure requests received', '件', 'requests'),
  m('disclosure-answered', '已答复信息公开申请', 'Disclosure requests answered', '件', 'requests'),
  m('disclosure-approved', '同意公开', 'Disclosure requests approved', '件', 'requests'),
  m('study-sessions', '学法实践活动', 'Study sessions', '次', 'sessions'),
  m('lawsuits', '行政诉讼应诉案件', 'Administrative lawsuits', '起', 'cases'),
];

const dept = (
  departmentId: string,
  zh: string,
  en: string,
  parentId: string | null,
  metrics: string[],
  contacts: PutDepartmentBody['contacts'] = [],
): PutDepartmentBody & { departmentId: string } => ({
  departmentId,
  name: { 'zh-CN': zh, en },
  parentId,
  metrics,
  contacts,
});

export const DEMO_DEPARTMENTS = [
  dept('zhangmiao', '张庙街道', 'Zhangmiao Sub-district', null, []),
  dept(
    'rule-of-law-office',
    '依法治理办',
    'Rule-of-Law Office',
    'zhangmiao',
    [],
    [{ channel: 'email', address: 'fazhi@zhangmiao.example.cn' }],
  ),
  dept(
    'judicial-office',
    '司法所',
    'Judicial Office',
    'zhangmiao',
    ['lectures'],
    [{ channel: 'email', address: 'sifasuo@zhangmiao.example.cn' }],
  ),
  dept(
    'legal-service-station',
    '公共法律服务站',
    'Public Legal Service Station',
    'zhangmiao',
    ['consultations', 'consult-events', 'materials'],
    [{ channel: 'email', address: 'falv@zhangmiao.example.cn' }],
  ),
  dept(
    'urban-enforcement',
    '城管执法中队',
    'Urban Management Enforcement',
    'zhangmiao',
    ['lawsuits'],
    [{ channel: 'email', address: 'chengguan@zhangmiao.example.cn' }],
  ),
  dept(
    'street-office',
    '街道办公室',
    'Sub-district General Office',
    'zhangmiao',
    ['info-disclosed', 'disclosure-requests', 'disclosure-answered', 'disclosure-approved', 'study-sessions'],
    [{ channel: 'email', address: 'bangongshi@zhangmiao.example.cn' }],
  ),
  dept('residential', '居民区', 'Residential Areas', 'zhangmiao', []),
  dept('res-tonghe-1', '通河一村居民区', 'Tonghe No.1 Residential Area', 'residential', [
    'mediations',
    'materials',
  ]),
  dept('res-tonghe-2', '通河二村居民区', 'Tonghe No.2 Residential Area', 'residential', [
    'mediations',
    'materials',
  ]),
  dept('res-zhangmiao-1', '张庙一村居民区', 'Zhangmiao No.1 Residential Area', 'residential', [
    'mediations',
    'materials',
  ]),
];

export const DEMO_RULES: Rule[] = [
  {
    ruleId: 'answered-within-requests',
    left: 'disclosure-answered',
    op: '<=',
    right: 'disclosure-requests',
    severity: 'error',
    message: {
      'zh-CN': '已答复件数不能多于受理的申请件数。',
      en: 'Requests answered cannot exceed requests received.',
    },
  },
  {
    ruleId: 'approved-within-answered',
    left: 'disclosure-approved',
    op: '<=',
    right: 'disclosure-answered',
    severity: 'error',
    message: {
      'zh-CN': '同意公开件数不能多于已答复件数。',
      en: 'Requests approved cannot exceed requests answered.',
    },
  },
  {
    ruleId: 'events-within-consultations',
    left: 'consult-events',
    op: '<=',
    right: 'consultations',
    severity: 'warning',
    message: {
      'zh-CN': '咨询活动场次多于接待咨询件数，请核对。',
      en: 'More consultation events than consultations received: please check.',
    },
  },
];

/** Who reports what share of a metric (materials come from the station and the residential areas). */
const SHARES: Record<string, [string, number][]> = {
  consultations: [['legal-service-station', 1]],
  'consult-events': [['legal-service-station', 1]],
  lectures: [['judicial-office', 1]],
  materials: [
    ['legal-service-station', 0.46],
    ['res-tonghe-1', 0.2],
    ['res-tonghe-2', 0.18],
    ['res-zhangmiao-1', 0.16],
  ],
  mediations: [
    ['res-tonghe-1', 0.4],
    ['res-tonghe-2', 0.35],
    ['res-zhangmiao-1', 0.25],
  ],
  'info-disclosed': [['street-office', 1]],
  'disclosure-requests': [['street-office', 1]],
  'study-sessions': [['street-office', 1]],
  lawsuits: [['urban-enforcement', 1]],
};

/** Deterministic pseudo-random numbers (mulberry32): the demo is the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits `total` into integers proportional to `weights` (largest remainder): the parts sum exactly. */
export function splitExactly(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const parts = raw.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
  }
  return parts;
}

/** Monthly values per department: department -> period -> metric -> value. */
export function demoMonthlyValues(): Map<string, Map<string, Record<string, number>>> {
  const periods = listPeriods(DEMO_FROM, DEMO_TO);
  const rand = random(2020);
  const out = new Map<string, Map<string, Record<string, number>>>();
  const set = (d: string, p: string, metric: string, v: number) => {
    const byPeriod = out.get(d) ?? new Map<string, Record<string, number>>();
    const values = byPeriod.get(p) ?? {};
    values[metric] = v;
    byPeriod.set(p, values);
    out.set(d, byPeriod);
  };
  for (const [metric, shares] of Object.entries(SHARES)) {
    const perDept = splitExactly(
      REFERENCE_TOTALS[metric] ?? 0,
      shares.map(([, s]) => s),
    );
    shares.forEach(([d], i) => {
      // Early 2020 (the epidemic) was quieter: lower weights for Feb-Apr 2020.
      const weights = periods.map((p) => (p >= '2020-02' && p <= '2020-04' ? 0.3 : 0.6 + rand()));
      const monthly = splitExactly(perDept[i] ?? 0, weights);
      periods.forEach((p, j) => {
        set(d, p, metric, monthly[j] ?? 0);
      });
    });
  }
  // Every request received was answered and approved in the same month (5 / 5 / 5 in the report).
  for (const values of out.get('street-office')?.values() ?? []) {
    values['disclosure-answered'] = values['disclosure-requests'] ?? 0;
    values['disclosure-approved'] = values['disclosure-requests'] ?? 0;
  }
  return out;
}

export const DEMO_COORDINATOR: Principal = {
  sub: 'wang.fang',
  name: '王芳',
  role: 'coordinator',
  departmentId: null,
};

export const DEMO_CLERKS: Record<string, { sub: string; name: string }> = {
  'judicial-office': { sub: 'li.na', name: '李娜' },
  'legal-service-station': { sub: 'zhang.wei', name: '张伟' },
  'urban-enforcement': { sub: 'liu.yang', name: '刘洋' },
  'street-office': { sub: 'chen.jing', name: '陈静' },
  'res-tonghe-1': { sub: 'zhao.min', name: '赵敏' },
  'res-tonghe-2': { sub: 'sun.li', name: '孙丽' },
  'res-zhangmiao-1': { sub: 'zhou.qiang', name: '周强' },
};

/** A clock that can be pinned, so each demo submission is made "on" its day; unpinned it is real time. */
export class PinnableClock {
  at: Date | null = null;
  now(): Date {
    return this.at ?? new Date();
  }
}

/**
 * Loads the demo through the use-cases. Most months are submitted on the 3rd working day of the
 * next month; a few arrive late, and two are corrected afterwards with a note, so the history and
 * the late flags have something to show. The final values always sum to the reference figures.
 */
export async function loadDemoData(
  deps: Deps,
  clock: PinnableClock,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  for (const metric of DEMO_METRICS) await putMetric(DEMO_COORDINATOR, metric.metricId, metric, deps);
  for (const { departmentId, ...body } of DEMO_DEPARTMENTS)
    await putDepartment(DEMO_COORDINATOR, departmentId, body, deps);
  for (const { ruleId, ...rule } of DEMO_RULES) await putRule(DEMO_COORDINATOR, ruleId, rule, deps);

  const values = demoMonthlyValues();
  const jobs = [...values].flatMap(([d, byPeriod]) => [...byPeriod].map(([p, v]) => ({ d, p, v })));
  let done = 0;
  for (const { d, p, v } of jobs) {
    const clerk = DEMO_CLERKS[d] ?? { sub: 'demo', name: 'Demo' };
    const principal: Principal = { sub: clerk.sub, name: clerk.name, role: 'clerk', departmentId: d };
    const late =
      (d === 'res-tonghe-2' && (p === '2020-01' || p === '2020-07')) ||
      (d === 'urban-enforcement' && p === '2019-11');
    const calendar = await calendarForPeriod(p, deps);
    const day = nthWorkingDayFrom(firstDayAfter(p), late ? 8 : 3, calendar);
    clock.at = new Date(`${day}T10:00:00+08:00`);
    const corrected =
      (d === 'legal-service-station' && p === '2020-06') || (d === 'street-office' && p === '2019-09');
    if (corrected) {
      // First a slip of the keyboard, then the correction with its reason, ten working days later.
      const slip = { ...v };
      const key = Object.keys(slip).find((k) => k === 'consultations' || k === 'info-disclosed') as string;
      slip[key] = (slip[key] ?? 0) + 10;
      await submitMonthlyCounts({ principal, departmentId: d, period: p, values: slip }, deps);
      clock.at = new Date(`${nthWorkingDayFrom(firstDayAfter(p), 13, calendar)}T15:30:00+08:00`);
      await submitMonthlyCounts(
        { principal, departmentId: d, period: p, values: v, note: '录入时多填了10，已按台账更正。' },
        deps,
      );
    } else {
      await submitMonthlyCounts({ principal, departmentId: d, period: p, values: v }, deps);
    }
    onProgress?.(++done, jobs.length);
  }
  clock.at = null;
}
