import { type LocalizedText, text } from './localized';

/** One problem with one field of a request, in both languages. */
export interface FieldProblem {
  field: string;
  message: LocalizedText;
}

/**
 * Base of every error the domain raises on purpose. `code` is stable and kebab-case: it becomes the
 * problem type `/problems/<code>` and is what clients branch on.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly detailText: LocalizedText;
  readonly fieldProblems: FieldProblem[];

  constructor(detail: LocalizedText, fieldProblems: FieldProblem[] = [], options?: { cause?: unknown }) {
    super(detail.en, options);
    this.name = new.target.name;
    this.detailText = detail;
    this.fieldProblems = fieldProblems;
  }
}

export class InvalidRequestError extends DomainError {
  readonly code = 'invalid-request';
}

export class UnauthorizedError extends DomainError {
  readonly code = 'unauthorized';
}

export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
}

export class NotFoundError extends DomainError {
  readonly code = 'not-found';
}

export class DepartmentNotFoundError extends DomainError {
  readonly code = 'department-not-found';
  constructor(departmentId: string) {
    super(text(`部门“${departmentId}”不存在。`, `Department "${departmentId}" does not exist.`));
  }
}

export class PeriodLockedError extends DomainError {
  readonly code = 'period-locked';
  constructor(period: string, options?: { cause?: unknown }) {
    super(
      text(
        `${period} 已锁定，不能再提交或修改。`,
        `${period} is locked; it can no longer be submitted or changed.`,
      ),
      [],
      options,
    );
  }
}

export class VersionConflictError extends DomainError {
  readonly code = 'version-conflict';
  constructor(expected: number, actual: number | null, options?: { cause?: unknown }) {
    super(
      text(
        `数据已被他人修改（您基于第 ${expected} 版，当前为第 ${actual ?? 0} 版），请刷新后重试。`,
        `Someone changed this report meanwhile (you edited version ${expected}, the current one is ${actual ?? 0}). Reload and try again.`,
      ),
      [],
      options,
    );
  }
}

export class NoteRequiredError extends DomainError {
  readonly code = 'note-required';
  constructor(dueDate: string) {
    super(
      text(
        `已过截止日期（${dueDate}），更正数据时必须在备注中说明原因。`,
        `The due date (${dueDate}) has passed: a correction must give its reason in the note.`,
      ),
      [{ field: 'note', message: text('请填写更正原因。', 'Give the reason for the correction.') }],
    );
  }
}

export class RuleViolatedError extends DomainError {
  readonly code = 'rule-violated';
}

export class PayloadTooLargeError extends DomainError {
  readonly code = 'payload-too-large';
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly code = 'unsupported-media-type';
}

/** Storage stayed busy (throttled or contended) through every bounded retry. Safe to retry later. */
export class ServiceBusyError extends DomainError {
  readonly code = 'service-busy';
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds = 1, options?: { cause?: unknown }) {
    super(
      text(
        '系统繁忙，请稍后重试；您的数据未被保存。',
        'The service is busy; nothing was saved. Try again shortly.',
      ),
      [],
      options,
    );
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A 400 about one field; its message is also the problem's detail, so clients can show either. */
export function invalid(field: string, zh: string, en: string): InvalidRequestError {
  const message = text(zh, en);
  return new InvalidRequestError(message, [{ field, message }]);
}
