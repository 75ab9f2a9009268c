export { ACCESS_CHANGED, accessChangedFor, announceAccessChange } from './access-changed.ts';
export { revokeUserCredentials } from './credentials-revocation.ts';
export {
  addMemberToEngagement,
  listEngagementMembers,
  listEngagementOperators,
  type MemberDto,
  type OperatorDto,
  removeMemberFromEngagement,
  setEngagementMembers,
  WRITER_ROLES,
} from './engagement-members.ts';
export { getEngagementPreferences, updateEngagementPreferences } from './engagement-preferences.ts';
export { createEngagementMember } from './member-create.service.ts';
export {
  addEngagementMember,
  engagementIdsByCode,
  type MembershipInput,
  removeEngagementMember,
  roleOrThrow,
  setUserMemberships,
  strongestRole,
} from './membership.service.ts';
export {
  checkPasswordRules,
  dummyPasswordHash,
  hashPassword,
  PASSWORD_MIN_LENGTH,
  verifyPassword,
} from './password.ts';
export {
  activeUserById,
  effectivePermissions,
  type MembershipRow,
  memberEngagementIds,
  principalForUser,
  type TokenScope,
  type UserRow,
  userMemberships,
} from './principal.queries.ts';
export { changeOwnPassword, updatePreferences } from './self-service.ts';
export {
  buildMe,
  findUserByUsername,
  getUserRow,
  listRoles,
  listUsers,
  toUserDto,
  userCount,
} from './user.queries.ts';
export { createUser, insertUser, resetPassword, type UserCreateInput, updateUser } from './user.service.ts';
export {
  managesEngagement,
  requireAccountControl,
  requireVisibleUser,
} from './user-admin.policy.ts';
