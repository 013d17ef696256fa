import type { PeriodResponse } from '../contract/api-types';
import { assertPeriod } from '../domain/period';
import { assertCoordinator, type Principal } from '../domain/principal';
import { ORG_UNIT } from '../ports/submission-store';
import type { Deps } from './deps';
import { resolveScope } from './load-department';
import { dueDateFor } from './manage-calendar';

/**
 * Locks a month for the caller's scope: the whole organisation for an unscoped coordinator, their
 * unit's subtree for a scoped one (or a unit inside it given as `departmentId`).
 */
export async function lockPeriod(
  principal: Principal,
  period: string,
  departmentId: string | undefined,
  deps: Deps,
) {
  assertCoordinator(principal);
  const p = assertPeriod('period', period);
  const unit = await resolveScope(principal, departmentId, deps);
  await deps.submissions.lock({
    period: p,
    unitId: unit?.departmentId ?? ORG_UNIT,
    lockedBy: principal.sub,
    lockedByName: principal.name,
    lockedAt: deps.clock.now().toISOString(),
  });
  return getPeriod(principal, p, unit?.departmentId, deps);
}

export async function unlockPeriod(
  principal: Principal,
  period: string,
  departmentId: string | undefined,
  deps: Deps,
) {
  assertCoordinator(principal);
  const p = assertPeriod('period', period);
  const unit = await resolveScope(principal, departmentId, deps);
  await deps.submissions.unlock(p, unit?.departmentId ?? ORG_UNIT);
  return getPeriod(principal, p, unit?.departmentId, deps);
}

/** Whether a month is locked for the caller's unit (its own lock or any enclosing one) and its due date. */
export async function getPeriod(
  principal: Principal,
  period: string,
  departmentId: string | undefined,
  deps: Deps,
): Promise<PeriodResponse> {
  const p = assertPeriod('period', period);
  const unit = await resolveScope(principal, departmentId, deps);
  const chain = unit ? [ORG_UNIT, ...unit.ancestors, unit.departmentId] : [ORG_UNIT];
  const locks = (await deps.submissions.getLocks(p)).filter((l) => chain.includes(l.unitId));
  const lock = locks[0];
  return {
    period: p,
    locked: lock !== undefined,
    dueDate: await dueDateFor(p, deps),
    ...(lock
      ? {
          lock: {
            unitId: lock.unitId === ORG_UNIT ? null : lock.unitId,
            lockedBy: lock.lockedBy,
            ...(lock.lockedByName ? { lockedByName: lock.lockedByName } : {}),
            lockedAt: lock.lockedAt,
          },
        }
      : {}),
  };
}
