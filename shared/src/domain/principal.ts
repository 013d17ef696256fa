import type { StoredDepartment } from './catalog';
import { ForbiddenError } from './errors';
import { text } from './localized';

/** Who is calling, from the verified token's claims. */
export interface Principal {
  sub: string;
  name: string;
  role: 'clerk' | 'coordinator';
  /** A clerk's own department, or a scoped coordinator's unit. */
  departmentId: string | null;
}

export function forbidden(zh: string, en: string): ForbiddenError {
  return new ForbiddenError(text(zh, en));
}

export function isUnscopedCoordinator(p: Principal): boolean {
  return p.role === 'coordinator' && p.departmentId === null;
}

/** Catalogue writes (metrics, departments, rules) and the calendar need an unscoped coordinator. */
export function assertUnscopedCoordinator(p: Principal): void {
  if (!isUnscopedCoordinator(p)) {
    throw forbidden(
      '只有全局协调员可以修改目录。',
      'Only an organisation-wide coordinator may change the catalogue.',
    );
  }
}

export function assertCoordinator(p: Principal): void {
  if (p.role !== 'coordinator') {
    throw forbidden('此操作仅限协调员。', 'Only a coordinator may do this.');
  }
}

/**
 * A clerk acts only for their own department; a scoped coordinator only inside their unit's subtree.
 * Clerks are checked before any lookup so that another department's existence is not revealed.
 */
export function assertClerkOwns(p: Principal, departmentId: string): void {
  if (p.role === 'clerk' && p.departmentId !== departmentId) {
    throw forbidden('您只能处理本部门的数据。', 'You may act only for your own department.');
  }
}

export function assertMayAct(
  p: Principal,
  department: Pick<StoredDepartment, 'departmentId' | 'ancestors'>,
): void {
  assertClerkOwns(p, department.departmentId);
  if (p.role === 'coordinator' && p.departmentId !== null) {
    if (department.departmentId !== p.departmentId && !department.ancestors.includes(p.departmentId)) {
      throw forbidden('该部门不在您负责的范围内。', 'That department is outside the unit you coordinate.');
    }
  }
}
