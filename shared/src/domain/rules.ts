import type { Rule } from './catalog';
import type { LocalizedText } from './localized';

export interface RuleOutcome {
  ruleId: string;
  severity: 'error' | 'warning';
  left: string;
  op: Rule['op'];
  right: string;
  leftValue: number;
  rightValue: number;
  message: LocalizedText;
}

function holds(op: Rule['op'], l: number, r: number): boolean {
  switch (op) {
    case '<=':
      return l <= r;
    case '>=':
      return l >= r;
    case '==':
      return l === r;
  }
}

/**
 * The rules a submission breaks. A rule applies to a department only when both of its metrics are
 * assigned to it (API.md, Catalogue).
 */
export function evaluateRules(
  values: Readonly<Record<string, number>>,
  assignedMetrics: readonly string[],
  rules: readonly Rule[],
): { errors: RuleOutcome[]; warnings: RuleOutcome[] } {
  const assigned = new Set(assignedMetrics);
  const errors: RuleOutcome[] = [];
  const warnings: RuleOutcome[] = [];
  for (const rule of rules) {
    if (!assigned.has(rule.left) || !assigned.has(rule.right)) continue;
    const l = values[rule.left] ?? 0;
    const r = values[rule.right] ?? 0;
    if (holds(rule.op, l, r)) continue;
    const outcome: RuleOutcome = {
      ruleId: rule.ruleId,
      severity: rule.severity,
      left: rule.left,
      op: rule.op,
      right: rule.right,
      leftValue: l,
      rightValue: r,
      message: rule.message,
    };
    (rule.severity === 'error' ? errors : warnings).push(outcome);
  }
  return { errors, warnings };
}
