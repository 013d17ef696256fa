import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError, ServiceBusyError } from '../../../../shared/src/domain/errors';
import type { Lang, LocalizedText } from '../../../../shared/src/domain/localized';

/** The one map from domain error code to HTTP status (RFC 9457 problem types `/problems/<code>`). */
export const STATUS_BY_CODE: Record<string, number> = {
  'invalid-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  'department-not-found': 404,
  'route-not-found': 404,
  'method-not-allowed': 405,
  'period-locked': 409,
  'version-conflict': 412,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'note-required': 422,
  'rule-violated': 422,
  'service-busy': 503,
  'internal-error': 500,
};

const TITLES: Record<string, LocalizedText> = {
  'invalid-request': { 'zh-CN': '请求有误', en: 'Invalid request' },
  unauthorized: { 'zh-CN': '未登录或登录已失效', en: 'Not signed in' },
  forbidden: { 'zh-CN': '无权操作', en: 'Not allowed' },
  'not-found': { 'zh-CN': '未找到', en: 'Not found' },
  'department-not-found': { 'zh-CN': '部门不存在', en: 'Unknown department' },
  'route-not-found': { 'zh-CN': '接口不存在', en: 'No such route' },
  'method-not-allowed': { 'zh-CN': '不支持的请求方法', en: 'Method not allowed' },
  'period-locked': { 'zh-CN': '月份已锁定', en: 'Month locked' },
  'version-conflict': { 'zh-CN': '数据已被修改', en: 'Changed meanwhile' },
  'payload-too-large': { 'zh-CN': '请求内容过大', en: 'Request too large' },
  'unsupported-media-type': { 'zh-CN': '内容类型不支持', en: 'Unsupported content type' },
  'note-required': { 'zh-CN': '需要填写更正原因', en: 'Reason required' },
  'rule-violated': { 'zh-CN': '未通过校验规则', en: 'Validation rule broken' },
  'service-busy': { 'zh-CN': '系统繁忙', en: 'Service busy' },
  'internal-error': { 'zh-CN': '系统内部错误', en: 'Internal error' },
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function problemResponse(
  code: string,
  detail: LocalizedText,
  lang: Lang,
  extra: {
    errors?: { field: string; message: LocalizedText }[];
    requestId?: string;
    headers?: Record<string, string>;
  } = {},
): APIGatewayProxyStructuredResultV2 {
  const status = STATUS_BY_CODE[code] ?? 500;
  const body = {
    type: `/problems/${code}`,
    title: (TITLES[code] ?? (TITLES['internal-error'] as LocalizedText))[lang],
    status,
    detail: detail[lang],
    ...(extra.errors && extra.errors.length > 0
      ? { errors: extra.errors.map((e) => ({ field: e.field, message: e.message[lang] })) }
      : {}),
    ...(extra.requestId ? { requestId: extra.requestId } : {}),
  };
  return {
    statusCode: status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...extra.headers },
    body: JSON.stringify(body),
  };
}

/** A domain error as problem+json; anything else is the caller's to log and answer with a bare 500. */
export function domainProblem(
  err: DomainError,
  lang: Lang,
  requestId?: string,
): APIGatewayProxyStructuredResultV2 {
  const headers: Record<string, string> = {};
  if (err instanceof ServiceBusyError) headers['retry-after'] = String(err.retryAfterSeconds);
  return problemResponse(err.code, err.detailText, lang, { errors: err.fieldProblems, requestId, headers });
}

export function internalProblem(lang: Lang, requestId: string): APIGatewayProxyStructuredResultV2 {
  return problemResponse(
    'internal-error',
    {
      'zh-CN': `服务器内部错误，请稍后重试。如问题持续，请向管理员提供请求编号 ${requestId}。`,
      en: `Something went wrong on our side. Try again; if it persists, give the administrator request id ${requestId}.`,
    },
    lang,
    { requestId },
  );
}

export { DomainError };
