import type { Metric, Rule } from '../../shared/src/domain/catalog';
import { InvalidRequestError } from '../../shared/src/domain/errors';
import { evaluateRules } from '../../shared/src/domain/rules';
import { validateValues, valueDeltas } from '../../shared/src/domain/submission';

const metric = (id: string): Metric => ({
  metricId: id,
  name: { 'zh-CN': id, en: id },
  unit: { 'zh-CN': '件', en: 'cases' },
});
const known = new Map(['a', 'b', 'c'].map((id) => [id, metric(id)]));
const rule = (left: string, op: Rule['op'], right: string, severity: Rule['severity']): Rule => ({
  ruleId: `${left}${op}${right}`,
  left,
  op,
  right,
  severity,
  message: { 'zh-CN': '规则', en: 'rule' },
});

describe('validateValues', () => {
  it('accepts exactly the assigned metrics as whole numbers 0..10,000,000', () => {
    expect(validateValues({ a: 0, b: 10_000_000 }, ['a', 'b'], known)).toEqual({ a: 0, b: 10_000_000 });
  });

  it('collects every problem, naming each field', () => {
    try {
      validateValues({ a: -1, c: 2, z: 1 }, ['a', 'b'], known);
      throw new Error('expected a failure');
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidRequestError);
      const fields = (err as InvalidRequestError).fieldProblems.map((p) => p.field).sort();
      expect(fields).toEqual(['values.a', 'values.b', 'values.c', 'values.z']);
    }
  });
});

describe('evaluateRules', () => {
  const rules = [
    rule('a', '<=', 'b', 'error'),
    rule('b', '==', 'c', 'warning'),
    rule('a', '>=', 'c', 'error'),
  ];

  it('applies a rule only when both metrics are assigned', () => {
    const out = evaluateRules({ a: 5, b: 3 }, ['a', 'b'], rules);
    expect(out.errors.map((e) => e.ruleId)).toEqual(['a<=b']);
    expect(out.warnings).toEqual([]);
  });

  it('separates warnings from errors', () => {
    const out = evaluateRules({ a: 1, b: 2, c: 0 }, ['a', 'b', 'c'], rules);
    expect(out.errors).toEqual([]);
    expect(out.warnings.map((w) => [w.ruleId, w.leftValue, w.rightValue])).toEqual([['b==c', 2, 0]]);
  });
});

describe('valueDeltas', () => {
  it('gives the change each counter must take, zeros left out', () => {
    expect(valueDeltas(null, { a: 3, b: 0 })).toEqual({ a: 3 });
    expect(valueDeltas({ a: 3, b: 1 }, { a: 3, b: 4 })).toEqual({ b: 3 });
    expect(valueDeltas({ a: 3 }, { a: 1 })).toEqual({ a: -2 });
  });
});
