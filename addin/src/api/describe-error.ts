import type { Lang } from '../../../shared/src/domain/localized';
import { STRINGS } from '../i18n/strings';
import { ApiProblem, NetworkError } from './api-client';

export interface DescribedError {
  /** One sentence for the message bar, in the user's language. */
  message: string;
  /** Messages for individual fields: metric ids for `values.<id>`, and `note`. */
  fields: Record<string, string>;
  /** Worth offering "retry": the request may succeed unchanged later. */
  retryable: boolean;
  code: string;
}

/**
 * Turns anything a call may throw into what the user reads. The server already localized problem+json
 * by Accept-Language; the pane adds the sentences for failures the server never saw (no network).
 */
export function describeError(error: unknown, lang: Lang): DescribedError {
  const s = STRINGS[lang];
  if (error instanceof NetworkError) {
    return { message: s.networkError, fields: {}, retryable: true, code: 'network' };
  }
  if (error instanceof ApiProblem) {
    const fields: Record<string, string> = {};
    for (const e of error.problem.errors ?? []) {
      const key = e.field.startsWith('values.') ? e.field.slice('values.'.length) : e.field;
      fields[key] = fields[key] ? `${fields[key]} ${e.message}` : e.message;
    }
    const code = error.code;
    const retryable = error.status >= 500 || code === 'service-busy';
    let message = error.problem.detail || error.problem.title;
    if (code === 'unauthorized') message = s.sessionExpired;
    if (!message) message = retryable ? s.unknownError : `${error.status}`;
    return { message, fields, retryable, code };
  }
  return { message: s.unknownError, fields: {}, retryable: true, code: 'unknown' };
}
