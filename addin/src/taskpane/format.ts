/**
 * Dates as the office reads them (Asia/Shanghai), with Intl only: date-fns' time-zone helpers would
 * add weight to the pane for what the browser already knows.
 */
import type { Lang } from '../../../shared/src/domain/localized';
import { listPeriods, shiftPeriod } from '../../../shared/src/domain/period';

const ZONE = 'Asia/Shanghai';

export function currentPeriod(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit' }).formatToParts(now);
  const y = parts.find((p) => p.type === 'year')?.value ?? '1970';
  const m = parts.find((p) => p.type === 'month')?.value ?? '01';
  return `${y}-${m}`;
}

export function todayInOffice(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
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

export { listPeriods, shiftPeriod };
