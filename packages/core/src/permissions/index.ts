export {
  isPermissionCode,
  PERMISSION_CODES,
  type PermissionCode,
  SEEDED_GROUPS,
} from './permission-catalogue.ts';
export {
  canAccessEngagement,
  hasPermission,
  type Principal,
  requireEngagementAccess,
  requirePermission,
  systemPrincipal,
} from './principal.ts';
