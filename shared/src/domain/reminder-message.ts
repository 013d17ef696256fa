import type { Lang, LocalizedText } from './localized';
import { type Period, periodMonth, periodYear } from './period';
import type { ReminderStage } from './reminder-schedule';

export interface MessageText {
  subject: string;
  body: string;
}

function monthName(period: Period, lang: Lang): string {
  if (lang === 'en') {
    return new Date(Date.UTC(periodYear(period), periodMonth(period) - 1, 1)).toLocaleString('en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
  }
  return `${periodYear(period)}年${periodMonth(period)}月`;
}

/** A department's reminder: who, which month, by when, and where to report. */
export function reminderMessage(input: {
  department: LocalizedText;
  period: Period;
  dueDate: string;
  stage: Extract<ReminderStage, { kind: 'reminder' }>;
  link: string;
  lang: Lang;
}): MessageText {
  const { department, period, dueDate, stage, link, lang } = input;
  const dept = department[lang];
  const month = monthName(period, lang);
  if (lang === 'en') {
    const state =
      stage.stage === 'overdue'
        ? `is ${stage.overdueDay} working day${stage.overdueDay > 1 ? 's' : ''} overdue (it was due on ${dueDate})`
        : stage.stage === 'due'
          ? `is due today, ${dueDate}`
          : `is due on ${dueDate}${stage.stage === 'before-due' ? ` (${stage.workingDaysLeft} working days left)` : ''}`;
    return {
      subject: `${stage.stage === 'overdue' ? 'Overdue' : 'Reminder'}: ${dept}, rule-of-law report for ${month}`,
      body: `${dept}: the rule-of-law monthly report for ${month} ${state}. Please report in the Excel add-in: ${link}`,
    };
  }
  const state =
    stage.stage === 'overdue'
      ? `已逾期 ${stage.overdueDay} 个工作日（截止日期为 ${dueDate}）`
      : stage.stage === 'due'
        ? `今天（${dueDate}）截止`
        : `截止日期为 ${dueDate}${stage.stage === 'before-due' ? `，还剩 ${stage.workingDaysLeft} 个工作日` : ''}`;
  return {
    subject: `【${stage.stage === 'overdue' ? '逾期提醒' : '报送提醒'}】${dept} ${month}法治建设数据`,
    body: `${dept}：${month}法治建设月度数据尚未报送，${state}。请在 Excel 加载项中填报：${link}`,
  };
}

/** The coordinators' one digest of the departments still missing after every reminder. */
export function escalationMessage(input: {
  missing: LocalizedText[];
  period: Period;
  dueDate: string;
  link: string;
  lang: Lang;
}): MessageText {
  const { missing, period, dueDate, link, lang } = input;
  const month = monthName(period, lang);
  const names = missing.map((n) => n[lang]);
  if (lang === 'en') {
    return {
      subject: `Still missing: ${names.length} department(s), rule-of-law report for ${month}`,
      body: `After every reminder, these departments have not reported ${month} (due ${dueDate}): ${names.join(', ')}. Completeness: ${link}`,
    };
  }
  return {
    subject: `【催报汇总】${month}法治建设数据仍有 ${names.length} 个部门未报送`,
    body: `经多次提醒，以下部门仍未报送${month}法治建设数据（截止日期 ${dueDate}）：${names.join('、')}。查看报送情况：${link}`,
  };
}
