import type { StoredDepartment } from '../domain/catalog';
import { DepartmentNotFoundError } from '../domain/errors';
import { assertId } from '../domain/ids';
import { assertClerkOwns, assertMayAct, type Principal } from '../domain/principal';
import type { Deps } from './deps';

/**
 * The department a request is about, after the access check: clerks are refused before any lookup
 * (another department's existence is not revealed), scoped coordinators once its ancestors are known.
 */
export async function loadDepartmentFor(
  principal: Principal,
  departmentId: string,
  deps: Pick<Deps, 'catalog'>,
): Promise<StoredDepartment> {
  assertId('departmentId', departmentId);
  assertClerkOwns(principal, departmentId);
  const department = await deps.catalog.getDepartment(departmentId);
  if (!department) throw new DepartmentNotFoundError(departmentId);
  assertMayAct(principal, department);
  return department;
}

/**
 * The unit a read is scoped to: the one asked for, else a clerk's department or a scoped
 * coordinator's unit, else the whole organisation (null).
 */
export async function resolveScope(
  principal: Principal,
  departmentId: string | undefined,
  deps: Pick<Deps, 'catalog'>,
): Promise<StoredDepartment | null> {
  const wanted = departmentId ?? principal.departmentId ?? undefined;
  if (wanted === undefined) return null;
  return loadDepartmentFor(principal, wanted, deps);
}
