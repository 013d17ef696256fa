/**
 * Strings of the coordinator's occasional tools (export, import, calendar, "as reported vs as
 * corrected"), zh-CN first. Kept out of strings.ts so that they load with the coordinator's chunk,
 * not with every pane's first paint.
 */
import type { Lang } from '../../../shared/src/domain/localized';

const zh = {
  tabExport: '导出',
  exportIntro: '下载所选月份和单位的汇总，或含每次修订的填报记录。',
  exportAggregates: '汇总数据',
  exportSubmissions: '填报记录（含修订历史）',
  downloadCsv: '下载 CSV',
  downloadXlsx: '下载 Excel',
  historyToSheet: '写入新工作表',
  historySheetName: '填报记录',
  downloaded: (name: string) => `已下载“${name}”。`,
  historyWritten: (rows: number, sheet: string) => `已将 ${rows} 行修订记录写入工作表“${sheet}”。`,
  historyEmpty: '所选范围内没有填报记录。',
  tabImport: '导入',
  importIntro:
    '导入历史数据：表头一行（A 列“部门”，B 列“月份”，其后每列一个指标，可选“备注”），之后每行一个部门一个月。先预览检查，再导入；同一文件重复导入不会改变任何数据。',
  importFromSheet: '读取当前工作表',
  importFromFile: '选择 CSV 文件',
  importSummary: (n: { new: number; changed: number; unchanged: number; invalid: number }) =>
    `新增 ${n.new} 个月份，修改 ${n.changed} 个，未变 ${n.unchanged} 个，有问题 ${n.invalid} 个。`,
  importProblems: '问题清单',
  importRow: '行',
  importColumn: '列',
  importProblem: '问题',
  importRun: (n: number) => `导入 ${n} 个月份`,
  importProgress: (done: number, total: number) => `已导入 ${done} / ${total}`,
  importDone: (o: { created: number; revised: number; unchanged: number; failed: number }) =>
    `导入完成：新增 ${o.created}，修改 ${o.revised}，未变 ${o.unchanged}，未导入 ${o.failed}。`,
  importNothing: '没有需要导入的月份。',
  importCorrectionNote: '历史数据导入',
  importNoSheet: '当前没有可读取的工作表。',
  compareToggle: '对比“上报时”与“更正后”',
  reportedAt: '上报时点（当日结束时的数据）',
  asReported: '上报时',
  asCorrected: '更正后',
  difference: '差异',
  correctedText: '更正后的报告文字',
  reportedText: '上报时的报告文字',
  corrections: (n: number) => (n === 0 ? '上报之后没有任何更正。' : `上报之后共有 ${n} 次修订：`),
  firstSubmission: '补报',
  correction: '更正',
  noNote: '（无说明）',
  tabCalendar: '工作日历',
  calendarYear: '年份',
  calendarSource: {
    official: '官方数据',
    override: '协调员设置',
    fallback: '无官方数据（按周末和固定节日推算）',
  },
  calendarIntro:
    '截止日期和催报按国务院公布的节假日安排计算（含调休）。尚无官方数据的年份，可在此按国务院通知录入；保存后未到期月份的截止日期立即随之调整。',
  calendarHolidays: '放假日期（每行一段，如 2027-10-01 ~ 2027-10-07）',
  calendarWorkdays: '调休上班日（周末上班的日期）',
  calendarSave: '保存该年安排',
  calendarSaved: (year: number) => `已保存 ${year} 年的节假日安排，截止日期与催报已按新安排计算。`,
  calendarBad: (parts: string) => `无法识别这些日期：${parts}（格式 YYYY-MM-DD）。`,
  calendarReadOnly: '只有全局协调员可以修改工作日历。',
  calendarDays: (n: number) => `共 ${n} 天`,
  calendarFallbackAction: (year: number) => `录入 ${year} 年安排`,
};

type ToolStrings = typeof zh;

const en: ToolStrings = {
  tabExport: 'Export',
  exportIntro: 'Download the totals for the chosen months and unit, or the submissions with every revision.',
  exportAggregates: 'Totals',
  exportSubmissions: 'Submissions (with revision history)',
  downloadCsv: 'Download CSV',
  downloadXlsx: 'Download Excel',
  historyToSheet: 'Write to a new sheet',
  historySheetName: 'Submissions',
  downloaded: (name: string) => `Downloaded "${name}".`,
  historyWritten: (rows: number, sheet: string) => `Wrote ${rows} revision rows to the sheet "${sheet}".`,
  historyEmpty: 'No submissions in the chosen range.',
  tabImport: 'Import',
  importIntro:
    'Import history: one header row (column A "department", B "period", then one column per metric, optionally "note"), then one row per department and month. Preview first, then import; importing the same file again changes nothing.',
  importFromSheet: 'Read the active sheet',
  importFromFile: 'Choose a CSV file',
  importSummary: (n: { new: number; changed: number; unchanged: number; invalid: number }) =>
    `${n.new} new months, ${n.changed} changed, ${n.unchanged} unchanged, ${n.invalid} with problems.`,
  importProblems: 'Problems',
  importRow: 'Row',
  importColumn: 'Column',
  importProblem: 'Problem',
  importRun: (n: number) => `Import ${n} months`,
  importProgress: (done: number, total: number) => `Imported ${done} of ${total}`,
  importDone: (o: { created: number; revised: number; unchanged: number; failed: number }) =>
    `Import finished: ${o.created} new, ${o.revised} changed, ${o.unchanged} unchanged, ${o.failed} not imported.`,
  importNothing: 'Nothing to import.',
  importCorrectionNote: 'Imported history',
  importNoSheet: 'There is no sheet to read.',
  compareToggle: 'Compare "as reported" with "as corrected"',
  reportedAt: 'Reported as of (end of that day)',
  asReported: 'As reported',
  asCorrected: 'As corrected',
  difference: 'Difference',
  correctedText: 'Report text, as corrected',
  reportedText: 'Report text, as reported',
  corrections: (n: number) => (n === 0 ? 'Nothing was corrected since.' : `${n} revisions since:`),
  firstSubmission: 'late first submission',
  correction: 'correction',
  noNote: '(no note)',
  tabCalendar: 'Calendar',
  calendarYear: 'Year',
  calendarSource: {
    official: 'Official data',
    override: 'Set by a coordinator',
    fallback: 'No official data (weekends and fixed-date holidays only)',
  },
  calendarIntro:
    "Due dates and reminders follow the State Council's holiday arrangement (make-up working days included). For a year without official data, enter the arrangement here; due dates of months not yet due follow at once.",
  calendarHolidays: 'Days off (one run per line, e.g. 2027-10-01 ~ 2027-10-07)',
  calendarWorkdays: 'Make-up working days (weekend days worked)',
  calendarSave: "Save the year's arrangement",
  calendarSaved: (year: number) => `Saved the arrangement of ${year}; due dates and reminders follow it now.`,
  calendarBad: (parts: string) => `These are not dates: ${parts} (format YYYY-MM-DD).`,
  calendarReadOnly: 'Only an organisation-wide coordinator may change the calendar.',
  calendarDays: (n: number) => `${n} days`,
  calendarFallbackAction: (year: number) => `Enter ${year}'s arrangement`,
};

export const TOOL_STRINGS: Record<Lang, ToolStrings> = { 'zh-CN': zh, en };
export type { ToolStrings };
