import { invalid } from './errors';

/** Ids of metrics, departments and rules: 1-64 chars of a-z 0-9 and '-' (safe in URLs, keys and file names). */
export const ID_PATTERN = /^[a-z0-9-]{1,64}$/;

export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

export function assertId(field: string, value: string): string {
  if (!isId(value)) {
    throw invalid(
      field,
      `“${truncate(value)}”不是有效的编号：只能用 1-64 个小写字母、数字或连字符。`,
      `"${truncate(value)}" is not a valid id: use 1-64 lowercase letters, digits or hyphens.`,
    );
  }
  return value;
}

function truncate(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
