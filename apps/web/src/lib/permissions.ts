import type { PermissionCode } from '@steppingstones/shared';
import type { Me } from '../features/auth/auth-types.ts';

/** Whether the user holds a permission code (superusers hold every code). Codes are the shared catalogue's. */
export function can(me: Me | null | undefined, code: PermissionCode): boolean {
  if (!me) return false;
  return me.is_superuser || me.permissions.includes(code);
}

export function canAny(me: Me | null | undefined, codes: readonly PermissionCode[]): boolean {
  return codes.some((code) => can(me, code));
}

export function canAll(me: Me | null | undefined, codes: readonly PermissionCode[]): boolean {
  return codes.every((code) => can(me, code));
}
