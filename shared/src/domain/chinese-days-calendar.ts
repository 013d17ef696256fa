import chineseDays from 'chinese-days';
import type { WorkingCalendar } from '../ports/working-calendar';

/** The Chinese official calendar as packaged by `chinese-days` (holidays and 调休 make-up days). */
export const chineseDaysCalendar: WorkingCalendar = {
  isWorkingDay(date: string): boolean {
    return chineseDays.isWorkday(date);
  },
};
