/** Which days are working days on the office's official calendar (holidays and make-up days included). */
export interface WorkingCalendar {
  /** `date` is `YYYY-MM-DD` in Asia/Shanghai. */
  isWorkingDay(date: string): boolean;
}
