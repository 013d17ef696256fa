import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Secrets travel inside ordinary strings: a WeCom/DingTalk robot URL carries its key in the query
 * (`?key=…`, `?access_token=…`), DingTalk signing secrets start with `SEC`, and tokens are JWTs.
 * Every string a log line carries passes through here, whoever wrote the log call.
 */
export function redactSecrets(value: string): string {
  return value
    .replace(/(https?:\/\/[^\s?#"']+)\?[^\s#"']*/gi, '$1?[redacted]')
    .replace(/\beyJ[\w-]*\.[\w-]+\.[\w-]*/g, '[redacted-jwt]')
    .replace(/\bBearer\s+\S+/gi, 'Bearer [redacted]')
    .replace(/\bSEC[0-9a-f]{16,}\b/gi, 'SEC[redacted]');
}

/** Structured JSON logs with the request id (Powertools); level from POWERTOOLS_LOG_LEVEL. */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'legal-reporting',
  jsonReplacerFn: (_key, value) => (typeof value === 'string' ? redactSecrets(value) : value),
});
