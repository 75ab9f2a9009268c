import {
  PERMISSION_CODES,
  type PermissionCode,
  ROLE_NAMES,
  ROLE_PERMISSIONS,
  ROLE_SLUGS,
} from '@steppingstones/shared/roles';

/** The catalogue lives in packages/shared, so the web app and the server read one list. */
export { PERMISSION_CODES, type PermissionCode };

const KNOWN = new Set<string>(PERMISSION_CODES);
export function isPermissionCode(code: string): code is PermissionCode {
  return KNOWN.has(code);
}

/** Each role's codes under its display name (the names the original's groups had). */
export const SEEDED_GROUPS: Record<string, readonly PermissionCode[]> = Object.fromEntries(
  ROLE_SLUGS.map((slug) => [ROLE_NAMES[slug], ROLE_PERMISSIONS[slug]]),
);
