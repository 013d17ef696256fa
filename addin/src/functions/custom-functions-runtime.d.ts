/**
 * The part of Excel's custom-functions runtime the add-in uses (as documented for
 * `@types/custom-functions-runtime`, which is not among the project's packages). Excel defines the
 * global in the shared runtime; a plain browser has none.
 */
declare namespace CustomFunctions {
  enum ErrorCode {
    invalidValue = '#VALUE!',
    notAvailable = '#N/A',
    divisionByZero = '#DIV/0!',
    invalidNumber = '#NUM!',
    nullReference = '#NULL!',
    invalidName = '#NAME?',
    invalidReference = '#REF!',
  }
  // biome-ignore lint/suspicious/noShadowRestrictedNames: the runtime's own name (CustomFunctions.Error).
  class Error extends globalThis.Error {
    constructor(errorCode: ErrorCode, errorMessage?: string);
    code: ErrorCode;
  }
  // biome-ignore lint/suspicious/noExplicitAny: Excel passes whatever the cell holds.
  function associate(id: string, fn: (...args: any[]) => unknown): void;
}
