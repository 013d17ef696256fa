/** Request shapes of the working-day calendar and reminder routes (API.md), parsed on the server. */
import { z } from 'zod';

const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const putCalendarBodySchema = z.strictObject({
  /** Days off (weekend days inside a holiday may be listed too). */
  holidays: z.array(dateSchema).max(366),
  /** Make-up working days that fall on a weekend (调休上班). */
  workdays: z.array(dateSchema).max(366),
});

export const runRemindersBodySchema = z.strictObject({
  /** Which day the job runs for; default now. */
  asOf: z.string().max(40).nullable().optional(),
  /**
   * Extension ("remind now"): remind the missing departments of `period` (default: the month before
   * `asOf`) today even when the schedule has nothing for today. Still once per department and day.
   */
  force: z.boolean().optional(),
  period: z.string().max(20).optional(),
});

export type PutCalendarBody = z.infer<typeof putCalendarBodySchema>;
export type RunRemindersBody = z.infer<typeof runRemindersBodySchema>;
