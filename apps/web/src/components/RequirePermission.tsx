import type { ReactNode } from 'react';
import { useMe } from '../features/auth/use-me.ts';
import { canAny } from '../lib/permissions.ts';
import { ForbiddenPage } from './ErrorPages.tsx';

/** Renders its page only for a user holding one of the codes; others get the 403 page. */
export function RequirePermission({ anyOf, children }: { anyOf: readonly string[]; children: ReactNode }) {
  const me = useMe();
  return canAny(me, anyOf) ? children : <ForbiddenPage />;
}
