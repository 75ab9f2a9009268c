export {
  isPermissionCode,
  PERMISSION_CODES,
  type PermissionCode,
  SEEDED_GROUPS,
} from './permission-catalogue.ts';
export {
  canAccessEngagement,
  hasEngagementPermission,
  hasPermission,
  type Principal,
  requireEngagementAccess,
  requireEngagementPermission,
  requirePermission,
  systemPrincipal,
} from './principal.ts';
