/// <reference path="./custom-functions-runtime.d.ts" />
/**
 * The LEGAL.* Excel custom functions. The JSDoc tags are the source of addin/dist/functions.json,
 * generated at build time by `custom-functions-metadata` (addin/build.ts), so the names, parameters
 * and descriptions Excel shows cannot drift from the code. Each function only hands its arguments to
 * the shared engine (./engine.ts: checks, batching, cache, timeouts).
 */
import { functionsEngine } from './runtime';

/**
 * 指标在月份范围内的合计（单位含下级）。Total of a metric over a range of months (a unit includes its sub-units).
 * @customfunction TOTAL
 * @param metric 指标编号或名称 · Metric id or name
 * @param from 起始月份，如 2020-01 · First month, e.g. 2020-01
 * @param to 结束月份，如 2020-12 · Last month, e.g. 2020-12
 * @param [department] 部门或单位（省略为全街道） · Department or unit (omit for the whole office)
 * @returns 合计 · The total
 */
// biome-ignore lint/suspicious/noExplicitAny: a month arrives as text or as a date serial; `any` is the type custom-functions-metadata maps to Excel\'s "any value".
export function total(metric: string, from: any, to: any, department?: string): Promise<number> {
  return functionsEngine().total(metric, from, to, department);
}

/**
 * 某部门某月某指标的当前填报值。The current value a department reported for a metric and month.
 * @customfunction VALUE
 * @param department 部门编号或名称 · Department id or name
 * @param metric 指标编号或名称 · Metric id or name
 * @param period 月份，如 2020-07 · Month, e.g. 2020-07
 * @returns 当前值 · The current value
 */
// biome-ignore lint/suspicious/noExplicitAny: a month arrives as text or as a date serial; `any` is the type custom-functions-metadata maps to Excel\'s "any value".
export function value(department: string, metric: string, period: any): Promise<number> {
  return functionsEngine().value(department, metric, period);
}

/**
 * 某部门某月的填报状态：已提交 / 逾期提交 / 未提交。A department's status for a month: submitted / late / missing.
 * @customfunction STATUS
 * @param department 部门编号或名称 · Department id or name
 * @param period 月份，如 2020-07 · Month, e.g. 2020-07
 * @returns 状态 · The status
 */
// biome-ignore lint/suspicious/noExplicitAny: a month arrives as text or as a date serial; `any` is the type custom-functions-metadata maps to Excel\'s "any value".
export function status(department: string, period: any): Promise<string> {
  return functionsEngine().status(department, period);
}

/**
 * 月份范围内已收月报占应收月报的比例。Received / expected monthly reports over a range, as a fraction.
 * @customfunction COMPLETENESS
 * @param from 起始月份 · First month
 * @param to 结束月份 · Last month
 * @param [department] 部门或单位（省略为全街道） · Department or unit (omit for the whole office)
 * @returns 比例 0..1 · The fraction 0..1
 */
// biome-ignore lint/suspicious/noExplicitAny: a month arrives as text or as a date serial; `any` is the type custom-functions-metadata maps to Excel\'s "any value".
export function completeness(from: any, to: any, department?: string): Promise<number> {
  return functionsEngine().completeness(from, to, department);
}

/** Registers the functions with Excel; a plain browser (no CustomFunctions) skips it. */
export function registerFunctions(): boolean {
  if (typeof CustomFunctions === 'undefined' || typeof CustomFunctions.associate !== 'function') return false;
  CustomFunctions.associate('TOTAL', total);
  CustomFunctions.associate('VALUE', value);
  CustomFunctions.associate('STATUS', status);
  CustomFunctions.associate('COMPLETENESS', completeness);
  return true;
}
