import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import {
  type FieldProblem,
  InvalidRequestError,
  PayloadTooLargeError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
} from '../../../../shared/src/domain/errors';
import { text } from '../../../../shared/src/domain/localized';
import type { Principal } from '../../../../shared/src/domain/principal';

/** API.md: bodies over 64 KB are refused with 413 before any parsing. */
export const MAX_BODY_BYTES = 64 * 1024;

export function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(event.headers ?? {})) {
    if (k.toLowerCase() === lower) return v;
  }
  return undefined;
}

/** The JSON body parsed with `schema`; every failure is a 4xx that names the problem. */
export function parseJsonBody<S extends z.ZodType>(event: APIGatewayProxyEventV2, schema: S): z.infer<S> {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.length > MAX_BODY_BYTES) {
    throw new PayloadTooLargeError(
      text(
        `请求内容超过 64 KB（${Math.ceil(bytes.length / 1024)} KB）。`,
        `The body exceeds 64 KB (${Math.ceil(bytes.length / 1024)} KB).`,
      ),
    );
  }
  const contentType = (header(event, 'content-type') ?? '').toLowerCase();
  if (!/^application\/([a-z.+-]*\+)?json\b/.test(contentType)) {
    throw new UnsupportedMediaTypeError(
      text(
        '请以 JSON 格式提交（Content-Type: application/json）。',
        'Send the body as JSON (Content-Type: application/json).',
      ),
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new InvalidRequestError(text('请求内容不是有效的 JSON。', 'The body is not valid JSON.'), [
      { field: 'body', message: text('无法解析 JSON。', 'Could not parse the JSON.') },
    ]);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const problems: FieldProblem[] = parsed.error.issues.slice(0, 50).map((issue) => {
      const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'body';
      return {
        field,
        message: text(`字段“${field}”有误：${zhReason(issue.code)}。`, `${field}: ${issue.message}.`),
      };
    });
    throw new InvalidRequestError(
      text('请求内容有误，请检查标出的字段。', 'The body is not valid; check the fields listed.'),
      problems,
    );
  }
  return parsed.data;
}

function zhReason(code: string): string {
  switch (code) {
    case 'invalid_type':
      return '类型不对或缺失';
    case 'too_small':
      return '过短或过小';
    case 'too_big':
      return '过长或过大';
    case 'invalid_format':
      return '格式不对';
    case 'unrecognized_keys':
      return '含有不认识的字段';
    case 'invalid_value':
      return '取值不在允许范围内';
    default:
      return '不符合要求';
  }
}

/** `If-Match: "3"` -> 3; absent -> undefined. */
export function parseIfMatch(event: APIGatewayProxyEventV2): number | undefined {
  const value = header(event, 'if-match');
  if (value === undefined || value.trim() === '') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value);
  if (!match) {
    throw new InvalidRequestError(text('If-Match 格式有误。', 'If-Match is malformed.'), [
      {
        field: 'If-Match',
        message: text('应为带引号的版本号，例如 "3"。', 'Use a quoted version number, e.g. "3".'),
      },
    ]);
  }
  return Number(match[1]);
}

export interface ClaimNames {
  sub: string;
  name: string;
  role: string;
  departmentId: string;
}

export const DEFAULT_CLAIMS: ClaimNames = {
  sub: 'sub',
  name: 'name',
  role: 'role',
  departmentId: 'departmentId',
};

/**
 * The caller, from the claims the API Gateway JWT authorizer (or the local server, which verifies
 * tokens the same way) put on the event. Claim names are configurable for the organisation's issuer.
 */
export function principalFrom(event: APIGatewayProxyEventV2, names: ClaimNames = DEFAULT_CLAIMS): Principal {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } })
    .authorizer?.jwt?.claims;
  const unauthorized = () =>
    new UnauthorizedError(
      text('请先登录（缺少有效的访问令牌）。', 'Sign in first: a valid access token is required.'),
    );
  if (!claims) throw unauthorized();
  const sub = claimString(claims[names.sub]);
  const role = claimString(claims[names.role]);
  const departmentId = claimString(claims[names.departmentId]);
  if (!sub || (role !== 'clerk' && role !== 'coordinator')) throw unauthorized();
  if (role === 'clerk' && !departmentId) throw unauthorized();
  return { sub, name: claimString(claims[names.name]) ?? sub, role, departmentId: departmentId ?? null };
}

function claimString(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '' && value !== 'null') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}
