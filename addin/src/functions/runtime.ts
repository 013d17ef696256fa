/// <reference path="./custom-functions-runtime.d.ts" />
/**
 * The engine the LEGAL.* functions and the task pane share. In Excel's shared runtime the functions
 * and the pane live in one page, and esbuild puts this module in one chunk both bundles import, so
 * there is a single engine: the pane's "refresh figures" clears the same cache the functions use,
 * and the functions read the pane's sign-in (sessionStorage) and language.
 */
import type { AddinConfig } from '../auth/auth-config';
import { loadStoredSession } from '../auth/session';
import { langFrom } from '../i18n/strings';
import {
  createFunctionsEngine,
  type EngineOptions,
  type FunctionErrors,
  type FunctionsEngine,
} from './engine';

declare const __ADDIN_CONFIG__: AddinConfig | undefined;

/** Excel's error values, with the message shown when the user selects the cell. */
function excelErrors(): FunctionErrors {
  return {
    invalid: (message) => new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, message),
    notAvailable: (message) => new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, message),
  };
}

function defaultOptions(): EngineOptions {
  const config = typeof __ADDIN_CONFIG__ === 'undefined' ? null : __ADDIN_CONFIG__;
  return {
    baseUrl: config?.apiBaseUrl ?? '',
    fetchImpl: (...args) => fetch(...args),
    getToken: () => {
      try {
        return loadStoredSession(window.sessionStorage)?.token ?? null;
      } catch {
        return null;
      }
    },
    getLang: () => {
      const fromQuery = new URLSearchParams(window.location.search).get('lang');
      const office = typeof Office !== 'undefined' ? (Office.context?.displayLanguage ?? null) : null;
      return langFrom(fromQuery ?? office ?? navigator.language);
    },
    errors: excelErrors(),
  };
}

let engine: FunctionsEngine | null = null;

export function functionsEngine(): FunctionsEngine {
  engine ??= createFunctionsEngine(defaultOptions());
  return engine;
}

/** Replaces the engine's surroundings (tests: a counting fetch, fake errors, a short timeout). */
export function configureFunctions(overrides: Partial<EngineOptions>): FunctionsEngine {
  engine = createFunctionsEngine({ ...defaultOptions(), ...overrides });
  return engine;
}

/**
 * "Refresh figures": forgets cached answers and has Excel recalculate every formula, so LEGAL.*
 * cells ask the server again (in one batch). Outside Excel only the cache is cleared.
 */
export async function refreshFigures(): Promise<void> {
  functionsEngine().clear();
  if (typeof Excel === 'undefined') return;
  await Excel.run(async (context) => {
    context.workbook.application.calculate(Excel.CalculationType.full);
    await context.sync();
  });
}
