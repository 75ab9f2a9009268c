export { ACCESS_CHANGED, accessChangedFor, announceAccessChange } from './access-changed.ts';
export { revokeUserCredentials } from './credentials-revocation.ts';
export {
  listEngagementMembers,
  listEngagementOperators,
  type MemberDto,
  setEngagementMembers,
} from './engagement-members.ts';
export { getEngagementPreferences, updateEngagementPreferences } from './engagement-preferences.ts';
export {
  addEngagementMember,
  engagementIdsByCode,
  groupIdsByName,
  setUserEngagements,
  setUserGroups,
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
  memberEngagementIds,
  principalForUser,
  type UserRow,
} from './principal.queries.ts';
export { changeOwnPassword, updatePreferences } from './self-service.ts';
export {
  buildMe,
  findUserByUsername,
  getUserRow,
  listGroups,
  listUsers,
  toUserDto,
  userCount,
} from './user.queries.ts';
export { createUser, insertUser, resetPassword, type UserCreateInput, updateUser } from './user.service.ts';
