/**
 * Dates as the office reads them (Asia/Shanghai), with Intl only: date-fns' time-zone helpers would
 * add weight to the pane for what the browser already knows.
 */
import type { Lang } from '../../../shared/src/domain/localized';

const ZONE = 'Asia/Shanghai';

export function currentPeriod(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(now);
  const y = parts.find((p) => p.type === 'year')?.value ?? '1970';
  const m = parts.find((p) => p.type === 'month')?.value ?? '01';
  return `${y}-${m}`;
}

export function todayInOffice(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** The month just ended: what a clerk reports by default. */
export function previousPeriod(now: Date = new Date()): string {
  return shiftPeriod(currentPeriod(now), -1);
}

/** Months a picker offers, newest first: the current month back to January `years` years ago. */
export function pickablePeriods(now: Date = new Date(), earliest = '2019-01'): string[] {
  return listPeriods(earliest, currentPeriod(now)).reverse();
}

export function formatDateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
}

export function formatPeriod(period: string, lang: Lang): string {
  const [y, m] = period.split('-');
  return lang === 'en' ? period : `${y}年${Number(m)}月`;
}

export function formatNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN').format(n);
}

/**
 * Same arithmetic as shared/src/domain/period.ts, restated here because importing that module would pull
 * date-fns' time-zone code into the pane for two one-line functions.
 */
export function shiftPeriod(period: string, months: number): string {
  const total = Number(period.slice(0, 4)) * 12 + (Number(period.slice(5, 7)) - 1) + months;
  return `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}`;
}

export function listPeriods(from: string, to: string): string[] {
  const out: string[] = [];
  for (let p = from; p <= to; p = shiftPeriod(p, 1)) out.push(p);
  return out;
}

/** "接待法律咨询（件）" / "Legal consultations (cases)". */
export function metricLabel(
  m: { name: Record<Lang, string>; unit: Record<Lang, string> },
  lang: Lang,
): string {
  return lang === 'en' ? `${m.name.en} (${m.unit.en})` : `${m.name['zh-CN']}（${m.unit['zh-CN']}）`;
}
