/**
 * A year's holidays as a person reads and types them: one line per run of consecutive days
 * (`2027-10-01 ~ 2027-10-07`), or single dates. The server checks the dates themselves (in the
 * year, make-up days on weekends); this only turns text into the list of days and back.
 */

const DAY_MS = 86_400_000;

function toDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function toDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Consecutive days as ranges, for reading: [['2027-10-01', '2027-10-07'], ['2027-12-25', '2027-12-25']]. */
export function dayRanges(days: readonly string[]): [string, string][] {
  const sorted = [...new Set(days)].sort();
  const ranges: [string, string][] = [];
  for (const day of sorted) {
    const last = ranges.at(-1);
    if (last && toDate(day).getTime() - toDate(last[1]).getTime() === DAY_MS) last[1] = day;
    else ranges.push([day, day]);
  }
  return ranges;
}

export function formatDays(days: readonly string[]): string {
  return dayRanges(days)
    .map(([a, b]) => (a === b ? a : `${a} ~ ${b}`))
    .join('\n');
}

/** Lines (or commas) of `YYYY-MM-DD` or `YYYY-MM-DD ~ YYYY-MM-DD`; what cannot be read is returned as `bad`. */
export function parseDays(text: string): { days: string[]; bad: string[] } {
  const days = new Set<string>();
  const bad: string[] = [];
  for (const raw of text.split(/[\n,，;；]+/)) {
    const part = raw.trim();
    if (!part) continue;
    const m = /^(\d{4}-\d{2}-\d{2})(?:\s*(?:~|～|至|到|--?|–)\s*(\d{4}-\d{2}-\d{2}))?$/.exec(part);
    const from = m?.[1];
    const to = m?.[2] ?? from;
    if (!from || !to || Number.isNaN(toDate(from).getTime()) || Number.isNaN(toDate(to).getTime())) {
      bad.push(part);
      continue;
    }
    if (toDay(toDate(from)) !== from || toDay(toDate(to)) !== to || to < from) {
      bad.push(part);
      continue;
    }
    for (let t = toDate(from).getTime(); t <= toDate(to).getTime(); t += DAY_MS) days.add(toDay(new Date(t)));
  }
  return { days: [...days].sort(), bad };
}
