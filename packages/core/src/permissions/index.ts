export {
  isPermissionCode,
  PERMISSION_CODES,
  type PermissionCode,
  SEEDED_GROUPS,
} from './permission-catalogue.ts';
export {
  canAccessEngagement,
  engagementsWith,
  hasEngagementPermission,
  hasPermission,
  type Principal,
  permissionsIn,
  principalInEngagement,
  requireEngagementAccess,
  requireEngagementPermission,
  requirePermission,
  roleIn,
  systemPrincipal,
} from './principal.ts';
