import { ServiceBusyError } from '../../../../shared/src/domain/errors';

const BUSY = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionInProgressException',
  // A single-item write (a lock, say) that met an in-flight transaction on the same item: the SDK
  // does not retry it, and it is as safe to retry later as throttling.
  'TransactionConflictException',
  'InternalServerError',
]);

/** Throttling that outlasted the SDK's own retries becomes a 503 with Retry-After; the rest bubbles up. */
export function translateBusy(err: unknown): never {
  const name = (err as { name?: string } | null)?.name ?? '';
  if (BUSY.has(name)) throw new ServiceBusyError(1, { cause: err });
  throw err;
}

export function cancellationCodes(err: unknown): string[] | null {
  if ((err as { name?: string } | null)?.name !== 'TransactionCanceledException') return null;
  const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.map((r) => r.Code ?? 'None');
}
