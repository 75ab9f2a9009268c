import type { PermissionCode } from '@steppingstones/shared';
import type { ReactNode } from 'react';
import { useMe } from '../features/auth/use-me.ts';
import { canAll, canAny } from '../lib/permissions.ts';
import { ForbiddenPage } from './ErrorPages.tsx';

/**
 * Renders its page only for a user holding one of the codes (`anyOf`), or every code (`allOf`); others
 * get the 403 page.
 */
export function RequirePermission({
  anyOf,
  allOf,
  children,
}: { children: ReactNode } & (
  | { anyOf: readonly PermissionCode[]; allOf?: never }
  | { allOf: readonly PermissionCode[]; anyOf?: never }
)) {
  const me = useMe();
  const allowed = allOf ? canAll(me, allOf) : canAny(me, anyOf ?? []);
  return allowed ? children : <ForbiddenPage />;
}
