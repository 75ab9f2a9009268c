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

/** Whether the user holds a code in one engagement (their role there; superusers hold every code). */
export function canIn(
  me: Me | null | undefined,
  engagement: string | null | undefined,
  code: string,
): boolean {
  if (!me) return false;
  if (me.is_superuser) return true;
  return Boolean(me.engagements.find((e) => e.code === engagement)?.permissions.includes(code));
}
